package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.LocalDate;

/** The "Add batch" form: reference, SKU, quantity and an optional ETA (blank: in the warehouse). */
@Dependent
public class AddBatchDialogViewModel {
    private final MessageBus bus;
    private final BackgroundRunner runner;
    private final Field<String> reference = new Field<>(Inputs.id("batch reference"));
    private final Field<String> sku = new Field<>(Inputs.id("SKU"));
    private final Field<Integer> quantity = new Field<>(Inputs.positiveQuantity());
    private final Field<LocalDate> eta = new Field<>(Inputs.optionalDate());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final BooleanBinding canSubmit;

    @Inject
    public AddBatchDialogViewModel(MessageBus bus, BackgroundRunner runner) {
        this.bus = bus;
        this.runner = runner;
        this.canSubmit = Bindings.and(Field.allValid(reference, sku, quantity, eta), busy.not());
        reference.textProperty().addListener((o, a, b) -> errorMessage.set(""));
        sku.textProperty().addListener((o, a, b) -> errorMessage.set(""));
    }

    /** Sends CreateBatch; {@link #doneProperty()} turns true when the batch exists. */
    public void submit() {
        for (Field<?> field : new Field<?>[] {reference, sku, quantity, eta}) {
            field.touch();
        }
        if (!canSubmit.get()) {
            return;
        }
        CreateBatch command;
        try {
            command = new CreateBatch(reference.value().orElseThrow(), sku.value().orElseThrow(),
                    quantity.value().orElseThrow(), eta.value().orElse(null));
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
