package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.events.Allocated;
import jakarta.enterprise.context.ApplicationScoped;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's one message about lines a change moved besides the one the planner named: after a
 * batch was added, a batch's quantity changed or a line was cancelled, the command's
 * {@link Consequences} in the planner's words ({@link Consequences#describe}), once, in the strip
 * under the toolbar, with the batch whose history tells the details. A new message replaces the
 * last one. Used on the FX thread.
 */
@ApplicationScoped
public class MoveMessages {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper batch = new ReadOnlyStringWrapper(this, "batch", "");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible", false);

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
        String details = batchReference != null ? batchReference
                : consequences.served().stream().map(Allocated::batchReference).findFirst().orElse("");
        text.set(String.join("; ", consequences.describe(batchReference == null ? details : batchReference)));
        batch.set(details);
        visible.set(true);
    }

    /** Hides the message (the planner read it). */
    public void dismiss() {
        visible.set(false);
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
