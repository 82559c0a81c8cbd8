package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.events.Allocated;
import jakarta.enterprise.context.ApplicationScoped;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The window's one message about lines a change moved besides the one the planner named: after a
 * batch was added, a batch's quantity changed or a line was cancelled, the command's
 * {@link Consequences} in the planner's words ({@link Consequences#describe}), once, in the strip
 * under the toolbar, with the batch whose history tells the details. A new message replaces the
 * last one. A cancel or a line's new quantity is told here too, with Undo offered
 * ({@link #tellUndoable}; docs/decisions/0018 says what undo means). Used on the FX thread.
 */
@ApplicationScoped
public class MoveMessages {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper batch = new ReadOnlyStringWrapper(this, "batch", "");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible", false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);
    /** What Undo does: send the command that takes the last change back; null when there is none. */
    private Runnable undo;

    /**
     * Tells what {@code consequences} moved, if anything.
     *
     * @param batchReference the batch the planner changed or added; null when the change was to a line
     *                       (then the details are the history of the batch the first waiting line went to)
     */
    public void tell(Consequences consequences, String batchReference) {
        if (consequences == null || consequences.isEmpty()) {
            return;
        }
        show(null, consequences, batchReference, null);
    }

    /**
     * Tells a change to a line the planner can take back (a cancel, a line's new quantity):
     * {@code sentence} first, then what it moved, and Undo offered (the strip's button, Edit ▸
     * Undo) until another change is told or the undo runs. {@code undo} sends the command that takes
     * it back and tells its own result.
     *
     * @param batchReference the batch whose history tells the details, or null (the first served line's)
     */
    public void tellUndoable(String sentence, Consequences consequences, String batchReference, Runnable undo) {
        show(sentence, consequences == null ? Consequences.NONE : consequences, batchReference, undo);
    }

    /** Tells what an undo did, in one sentence; it cannot be undone again. */
    public void tellUndone(String sentence, Consequences consequences) {
        show(sentence, consequences == null ? Consequences.NONE : consequences, null, null);
    }

    /** Takes the last undoable change back, if one is offered; once. */
    public void undo() {
        Runnable pending = undo;
        undo = null;
        canUndo.set(false);
        if (pending != null) {
            pending.run();
        }
    }

    private void show(String sentence, Consequences consequences, String batchReference, Runnable undoIt) {
        String details = batchReference != null ? batchReference
                : consequences.served().stream().map(Allocated::batchReference).findFirst().orElse("");
        List<String> sentences = new ArrayList<>();
        if (sentence != null) {
            sentences.add(sentence);
        }
        sentences.addAll(consequences.describe(batchReference == null ? details : batchReference));
        text.set(String.join("; ", sentences));
        batch.set(details);
        undo = undoIt;
        canUndo.set(undoIt != null);
        visible.set(true);
    }

    /** Hides the message (the planner read it); its undo stays on Edit ▸ Undo. */
    public void dismiss() {
        visible.set(false);
    }

    /** True while the last change told can be taken back. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** The last message, e.g. "3 lines moved off WH-CHAIR-01: 2 to SHIP-CHAIR-02, 1 waits". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The batch whose history tells the details of the last message; empty when there is none. */
    public ReadOnlyStringProperty batchProperty() {
        return batch.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }
}
