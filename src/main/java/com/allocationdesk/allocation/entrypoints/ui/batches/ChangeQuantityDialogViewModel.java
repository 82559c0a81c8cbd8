package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.views.BatchView;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "Change quantity" form for one batch (damage, loss, recount). Shrinking below what is
 * allocated gives lines back; the bus reallocates them elsewhere or they wait.
 */
@Dependent
public class ChangeQuantityDialogViewModel {
    private final MessageBus bus;
    private final BackgroundRunner runner;
    private final Field<Integer> quantity = new Field<>(Inputs.nonNegativeQuantity());
    private final ReadOnlyStringWrapper reference = new ReadOnlyStringWrapper(this, "reference", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final BooleanBinding canSubmit;

    @Inject
    public ChangeQuantityDialogViewModel(MessageBus bus, BackgroundRunner runner) {
        this.bus = bus;
        this.runner = runner;
        this.canSubmit = Bindings.and(quantity.validProperty(), busy.not());
    }

    /** The batch to change; the field starts with its current purchased quantity. */
    public void prepare(BatchView batch) {
        reference.set(batch.reference());
        description.set(batch.reference() + " (" + batch.sku() + "): " + batch.purchased() + " purchased, "
                + batch.allocated() + " allocated. Lines that no longer fit are moved to other batches or wait.");
        quantity.textProperty().set(Integer.toString(batch.purchased()));
    }

    public void submit() {
        quantity.touch();
        if (!canSubmit.get()) {
            return;
        }
        ChangeBatchQuantity command;
        try {
            command = new ChangeBatchQuantity(reference.get(), quantity.value().orElseThrow());
        } catch (RuntimeException e) {
            errorMessage.set(ErrorText.of(e));
            return;
        }
        busy.set(true);
        errorMessage.set("");
        runner.run(progress -> bus.handle(command), ok -> {
            busy.set(false);
            done.set(true);
        }, error -> {
            busy.set(false);
            errorMessage.set(ErrorText.of(error));
        });
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

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }
}
