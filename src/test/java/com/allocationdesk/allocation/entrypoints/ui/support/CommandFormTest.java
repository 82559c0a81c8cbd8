package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.InvalidCommand;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dialog's form: sent only when valid, busy while the bus works, done when it is carried out. */
class CommandFormTest {
    private final InlineRunner runner = new InlineRunner();
    private final List<CreateBatch> handled = new ArrayList<>();
    private RuntimeException refusal;
    private final MessageBus bus = MessageBus.builder(noUnitOfWork())
            .command(CreateBatch.class, (command, context) -> {
                if (refusal != null) {
                    throw refusal;
                }
                handled.add(command);
                return null;
            })
            .build();
    private final Field<String> reference = new Field<>(Inputs.id("batch reference"));
    private final Field<Integer> quantity = new Field<>(Inputs.positiveQuantity());
    private final CommandForm form = new CommandForm(bus, runner, reference, quantity);

    private static UnitOfWork.Factory noUnitOfWork() {
        return () -> {
            throw new UnsupportedOperationException("the test handler needs no unit of work");
        };
    }

    private void submit() {
        form.submit(() -> new CreateBatch(reference.value().orElseThrow(), "LAMP", quantity.value().orElseThrow(), null));
    }

    @Test
    void anInvalidFormShowsEveryFieldsMessageAndSendsNothing() {
        reference.textProperty().set("B-1");
        assertThat(form.canSubmitProperty().get()).isFalse();
        assertThat(quantity.error()).as("not typed in yet").isEmpty();

        submit();

        assertThat(quantity.error()).isEqualTo("Quantity is required");
        assertThat(runner.submitted).isZero();
        assertThat(form.doneProperty().get()).isFalse();
    }

    @Test
    void aValidFormSendsItsCommandAndIsDone() {
        reference.textProperty().set("B-1");
        quantity.textProperty().set("5");
        assertThat(form.canSubmitProperty().get()).isTrue();

        submit();

        assertThat(handled).containsExactly(new CreateBatch("B-1", "LAMP", 5, null));
        assertThat(form.doneProperty().get()).isTrue();
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.errorMessageProperty().get()).isEmpty();
    }

    @Test
    void whileTheCommandRunsTheFormCannotBeSentAgain() {
        reference.textProperty().set("B-1");
        quantity.textProperty().set("5");
        runner.holding = true;

        submit();
        submit();

        assertThat(form.busyProperty().get()).isTrue();
        assertThat(form.canSubmitProperty().get()).isFalse();
        assertThat(runner.held()).as("sent once").isEqualTo(1);
        runner.releaseNext();
        assertThat(form.canSubmitProperty().get()).isTrue();
        assertThat(handled).hasSize(1);
    }

    @Test
    void aRefusalIsTheErrorLineAndThePlannerCanTryAgain() {
        reference.textProperty().set("B-1");
        quantity.textProperty().set("5");
        refusal = new InvalidCommand("Batch B-1 already exists");

        submit();

        assertThat(form.errorMessageProperty().get()).isEqualTo("Batch B-1 already exists");
        assertThat(form.doneProperty().get()).isFalse();
        assertThat(form.canSubmitProperty().get()).isTrue();

        refusal = null;
        form.clearError();
        submit();
        assertThat(form.doneProperty().get()).isTrue();
    }
}
