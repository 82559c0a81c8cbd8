package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.CommandForm;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.LocalDate;

/** The "Add batch" form: reference, SKU, quantity and an optional ETA (blank: in the warehouse). */
@Dependent
public class AddBatchDialogViewModel {
    private final Field<String> reference = new Field<>(Inputs.id("batch reference"));
    private final Field<String> sku = new Field<>(Inputs.id("SKU"));
    private final Field<Integer> quantity = new Field<>(Inputs.positiveQuantity());
    private final Field<LocalDate> eta = new Field<>(Inputs.optionalDate());
    private final CommandForm form;
    private final MoveMessages moves;
    private final ReadOnlyStringWrapper etaWarning = new ReadOnlyStringWrapper(this, "etaWarning", "");

    @Inject
    public AddBatchDialogViewModel(MessageBus bus, BackgroundRunner runner, MoveMessages moves) {
        this.moves = moves;
        this.form = new CommandForm(bus, runner, reference, sku, quantity, eta);
        reference.textProperty().addListener((o, a, b) -> form.clearError());
        sku.textProperty().addListener((o, a, b) -> form.clearError());
        eta.textProperty().addListener((o, a, b) -> etaWarning.set(lateWarning(LocalDate.now())));
    }

    /** A past ETA is allowed (a late shipment) but said: the form warns, the Batches table flags it "late". */
    private String lateWarning(LocalDate today) {
        return eta.value().filter(date -> DisplayFormats.late(date, today))
                .map(date -> date + " is in the past: the batch is added as a late shipment, shown \"late\" in Batches.")
                .orElse("");
    }

    /** A warning about the ETA that does not stop the form (a date in the past); empty: none. */
    public ReadOnlyStringProperty etaWarningProperty() {
        return etaWarning.getReadOnlyProperty();
    }

    /** Sends CreateBatch; the form is done when the batch exists, and the waiting lines it took are told. */
    public void submit() {
        form.submit(() -> new CreateBatch(reference.value().orElseThrow(), sku.value().orElseThrow(),
                quantity.value().orElseThrow(), eta.value().orElse(null)),
                (command, consequences) -> moves.tell(consequences, command.reference()));
    }

    public Field<String> reference() {
        return reference;
    }

    public Field<String> sku() {
        return sku;
    }

    public Field<Integer> quantity() {
        return quantity;
    }

    public Field<LocalDate> eta() {
        return eta;
    }

    /** Whether it can be sent, busy, done, and why not. */
    public CommandForm form() {
        return form;
    }
}
