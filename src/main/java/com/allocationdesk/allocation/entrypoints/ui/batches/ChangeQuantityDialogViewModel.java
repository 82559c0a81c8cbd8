package com.allocationdesk.allocation.entrypoints.ui.batches;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.CommandForm;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.BatchRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Change quantity" form for one batch (damage, loss, recount). Shrinking below what is
 * allocated gives lines back; the bus reallocates them elsewhere or they wait. Before Apply it shows
 * what if: at every valid quantity the planner types, the real command runs off the FX thread in a
 * unit of work that is rolled back ({@link MessageBus#preview}), and the lines it would move, where
 * to, and the waiting lines it would serve are listed in the words of "What a change moved"
 * ({@link Consequences#describe}). The latest quantity wins: a preview of an older one is dropped.
 */
@Dependent
public class ChangeQuantityDialogViewModel {
    private final Field<Integer> quantity = new Field<>(Inputs.nonNegativeQuantity());
    private final ReadOnlyStringWrapper reference = new ReadOnlyStringWrapper(this, "reference", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final CommandForm form;
    private final MoveMessages moves;
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ObservableList<String> previewLines = FXCollections.observableArrayList();
    private final Reloader<Previewed> previews;
    private volatile ChangeBatchQuantity previewed;
    private String sku = "";

    /** A preview and the command it is of. */
    private record Previewed(ChangeBatchQuantity command, Consequences consequences) {
    }

    @Inject
    public ChangeQuantityDialogViewModel(MessageBus bus, BackgroundRunner runner, MoveMessages moves) {
        this.moves = moves;
        this.form = new CommandForm(bus, runner, quantity);
        this.previews = new Reloader<>(runner, () -> {
            ChangeBatchQuantity command = previewed;
            return new Previewed(command, bus.preview(command).result());
        }, this::showPreview, error -> {
            previewLines.clear();
            preview.set(ErrorText.of(error));
        });
        quantity.textProperty().addListener((obs, old, now) -> previewChange());
    }

    /** Asks for the preview of what the field now says (nothing when it says nothing valid). */
    private void previewChange() {
        if (reference.get().isEmpty() || quantity.value().isEmpty()) {
            previewed = null;
            previewLines.clear();
            preview.set("");
            return;
        }
        previewed = new ChangeBatchQuantity(reference.get(), quantity.value().get());
        preview.set("Working out what would move…");
        previews.reload();
    }

    private void showPreview(Previewed shown) {
        if (!shown.command().equals(previewed)) {
            return; // an older quantity's preview: the latest one follows
        }
        Consequences consequences = shown.consequences();
        List<String> sentences = consequences.describe(shown.command().reference());
        preview.set(sentences.isEmpty() ? "No line would move." : "If applied: " + String.join("; ", sentences));
        List<String> lines = new ArrayList<>();
        for (LineMove move : consequences.moved()) {
            String line = move.orderId() + " " + move.quantity() + " × " + sku;
            lines.add(move.waits() ? line + " would wait, position " + move.waitingPosition() + " in the queue"
                    : move.toBatch().equals(shown.command().reference()) ? line + " would stay in " + move.toBatch()
                    : line + " would move to " + move.toBatch());
        }
        for (Allocated served : consequences.served()) {
            lines.add(served.orderId() + " " + served.quantity() + " × " + served.sku() + " would be placed in "
                    + served.batchReference());
        }
        previewLines.setAll(lines);
    }

    /** The batch to change; the field starts with its current purchased quantity. */
    public void prepare(BatchRow batch) {
        reference.set(batch.reference());
        sku = batch.sku();
        description.set(batch.reference() + " (" + batch.sku() + "): " + batch.purchased() + " purchased, "
                + batch.allocated() + " allocated. Lines that no longer fit are moved to other batches or wait.");
        quantity.textProperty().set(Integer.toString(batch.purchased()));
    }

    /** Sends ChangeBatchQuantity; the form is done when the batch has its new quantity, and the lines it moved are told. */
    public void submit() {
        form.submit(() -> new ChangeBatchQuantity(reference.get(), quantity.value().orElseThrow()),
                (command, consequences) -> moves.tell(consequences, command.reference()));
    }

    /** What the typed quantity would do, in one sentence (empty until there is one). */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Each line the typed quantity would move or serve, and where to. */
    public ObservableList<String> previewLines() {
        return previewLines;
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
