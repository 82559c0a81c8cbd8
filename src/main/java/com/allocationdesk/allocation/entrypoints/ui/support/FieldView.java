package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** Binds a text field and the message label under it to a {@link Field}: red border and the reason while invalid. */
public final class FieldView {
    /** AtlantaFX's red state for inputs (its DANGER; the library's classes need Java 21, its CSS does not). */
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private FieldView() {
    }

    public static void bind(TextField input, Label message, Field<?> field) {
        input.textProperty().bindBidirectional(field.textProperty());
        ViewBindings.message(message, field.errorProperty());
        message.getStyleClass().addAll("field-error", "danger");
        field.errorProperty().addListener((obs, old, now) ->
                input.pseudoClassStateChanged(DANGER, !now.isEmpty()));
        input.pseudoClassStateChanged(DANGER, !field.error().isEmpty());
    }
}
