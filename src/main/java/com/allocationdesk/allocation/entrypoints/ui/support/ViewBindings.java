package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The bindings every screen repeats: a part shown only while it has something to say. */
public final class ViewBindings {
    private ViewBindings() {
    }

    /** {@code label} shows {@code message} and takes room only while the message is not empty (an error line). */
    public static void message(Label label, ObservableStringValue message) {
        label.textProperty().bind(message);
        showWhile(label, Bindings.isNotEmpty(message));
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
