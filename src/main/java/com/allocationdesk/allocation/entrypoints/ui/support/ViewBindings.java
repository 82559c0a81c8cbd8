package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/** The bindings every screen repeats: a part shown only while it has something to say, a message shown whole. */
public final class ViewBindings {
    private ViewBindings() {
    }

    /**
     * {@code label} shows {@code message} and takes room only while the message is not empty (an
     * error line), always whole: see {@link #wholeText}.
     */
    public static void message(Label label, ObservableStringValue message) {
        label.textProperty().bind(message);
        showWhile(label, Bindings.isNotEmpty(message));
        wholeText(label);
    }

    /**
     * {@code label}'s text is never cut off with "…": it wraps, keeps the height its lines need,
     * and its tooltip holds the whole text too (for a label squeezed sideways, the status bar).
     */
    public static void wholeText(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        fullTextTooltip(label);
    }

    /** {@code label}'s tooltip is its whole text (none while it is empty): for one-line labels that may be cut. */
    public static void fullTextTooltip(Label label) {
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        tip.textProperty().bind(label.textProperty());
        label.tooltipProperty().bind(Bindings.when(Bindings.isNotEmpty(label.textProperty()))
                .then(tip).otherwise((Tooltip) null));
    }

    /**
     * A dialog over a {@link CommandForm}: its error line, its busy indicator, {@code submit} off while
     * the form cannot be submitted, and the dialog closes once the command was carried out.
     */
    public static void commandForm(CommandForm form, Label errorLine, Node busyIndicator, Button submit) {
        message(errorLine, form.errorMessageProperty());
        busyIndicator.visibleProperty().bind(form.busyProperty());
        submit.disableProperty().bind(form.canSubmitProperty().not());
        form.doneProperty().addListener((obs, old, done) -> {
            if (done) {
                ((Stage) submit.getScene().getWindow()).close();
            }
        });
    }

    /** {@code node} is visible, and takes room in its layout, only while {@code condition} holds. */
    public static void showWhile(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }
}
