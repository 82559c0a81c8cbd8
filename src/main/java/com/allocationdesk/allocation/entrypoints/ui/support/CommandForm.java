package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A form that sends one command and is then done (the batch dialogs): it can be submitted while
 * every field is valid and nothing runs; submitting shows every field's message, sends the command
 * through {@link WorkState}, and turns {@link #doneProperty() done} once the bus has carried it out.
 * A refusal (of the command or the bus) is the form's error line, and the planner can try again.
 */
public final class CommandForm {
    private final MessageBus bus;
    private final WorkState work;
    private final Field<?>[] fields;
    private final BooleanBinding canSubmit;
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);

    public CommandForm(MessageBus bus, BackgroundRunner runner, Field<?>... fields) {
        this.bus = bus;
        this.work = new WorkState(runner);
        this.fields = fields.clone();
        this.canSubmit = Bindings.and(Field.allValid(fields), work.busyProperty().not());
    }

    /** Sends the command {@code build} makes from the fields, if the form can be submitted now. */
    public void submit(Supplier<? extends Command<?>> build) {
        if (ready()) {
            work.attempt(build)
                    .ifPresent(command -> work.task(progress -> bus.handle(command))
                            .onSuccess(ok -> done.set(true))
                            .start());
        }
    }

    /**
     * As {@link #submit(Supplier)}, and {@code carriedOut} gets the command and what the bus answered
     * (on the FX thread, just before the form is done), e.g. the lines it moved.
     */
    public <R, C extends Command<R>> void submit(Supplier<C> build, BiConsumer<? super C, ? super R> carriedOut) {
        if (ready()) {
            work.attempt(build)
                    .ifPresent(command -> work.task(progress -> bus.handle(command))
                            .onSuccess(result -> {
                                carriedOut.accept(command, result);
                                done.set(true);
                            })
                            .start());
        }
    }

    /** Shows every field's message; true when the form can be sent now. */
    private boolean ready() {
        for (Field<?> field : fields) {
            field.touch();
        }
        return canSubmit.get();
    }

    /** Hides the error line (the planner typed again). */
    public void clearError() {
        work.clearError();
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** True once the command was carried out: the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }
}
