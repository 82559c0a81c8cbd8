package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.CommandForm;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.BatchRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "Change quantity" form for one batch (damage, loss, recount). Shrinking below what is
 * allocated gives lines back; the bus reallocates them elsewhere or they wait.
 */
@Dependent
public class ChangeQuantityDialogViewModel {
    private final Field<Integer> quantity = new Field<>(Inputs.nonNegativeQuantity());
    private final ReadOnlyStringWrapper reference = new ReadOnlyStringWrapper(this, "reference", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final CommandForm form;
    private final MoveMessages moves;

    @Inject
    public ChangeQuantityDialogViewModel(MessageBus bus, BackgroundRunner runner, MoveMessages moves) {
        this.moves = moves;
        this.form = new CommandForm(bus, runner, quantity);
    }

    /** The batch to change; the field starts with its current purchased quantity. */
    public void prepare(BatchRow batch) {
        reference.set(batch.reference());
        description.set(batch.reference() + " (" + batch.sku() + "): " + batch.purchased() + " purchased, "
                + batch.allocated() + " allocated. Lines that no longer fit are moved to other batches or wait.");
        quantity.textProperty().set(Integer.toString(batch.purchased()));
    }

    /** Sends ChangeBatchQuantity; the form is done when the batch has its new quantity, and the lines it moved are told. */
    public void submit() {
        form.submit(() -> new ChangeBatchQuantity(reference.get(), quantity.value().orElseThrow()),
                (command, consequences) -> moves.tell(consequences, command.reference()));
    }

    public Field<Integer> quantity() {
        return quantity;
    }

    public ReadOnlyStringProperty referenceProperty() {
        return reference.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Whether it can be sent, busy, done, and why not. */
    public CommandForm form() {
        return form;
    }
}
