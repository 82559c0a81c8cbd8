package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * LedgerBar.fxml, under the main window's menu: the order search (Ctrl+F or Alt+O, then an order id
 * and Enter opens the order's lines and history) and the strip that tells, once, which lines a
 * change moved ({@link MoveMessages}), with "Details": the batch's history, and "Undo" while the
 * change told can be taken back.
 */
@Dependent
public class LedgerBarController {
    /** Puts the cursor in the order search, anywhere in the main window. */
    public static final KeyCombination FIND_ORDER = KeyCombination.keyCombination("Shortcut+F");

    private final DialogService dialogs;
    private final MoveMessages moves;

    @FXML private TextField orderSearchField;
    @FXML private javafx.scene.layout.HBox moveStrip;
    @FXML private Label moveLabel;
    @FXML private Hyperlink moveDetailsLink;
    @FXML private Button undoButton;

    @Inject
    public LedgerBarController(DialogService dialogs, MoveMessages moves) {
        this.dialogs = dialogs;
        this.moves = moves;
    }

    @FXML
    private void initialize() {
        moveLabel.textProperty().bind(moves.textProperty());
        ViewBindings.showWhile(moveStrip, moves.visibleProperty());
        ViewBindings.showWhile(moveDetailsLink, moves.batchProperty().isNotEmpty());
        ViewBindings.showWhile(undoButton, moves.canUndoProperty());
        orderSearchField.sceneProperty().addListener((obs, old, scene) -> register(scene));
        register(orderSearchField.getScene());
    }

    private void register(Scene scene) {
        if (scene != null) {
            scene.getAccelerators().put(FIND_ORDER, () -> {
                orderSearchField.requestFocus();
                orderSearchField.selectAll();
            });
        }
    }

    @FXML
    void onFindOrder() {
        String typed = orderSearchField.getText();
        if (typed != null && !typed.isBlank()) {
            LedgerController.openOrder(dialogs, window(), typed);
        }
    }

    @FXML
    void onMoveDetails() {
        String batch = moves.batchProperty().get();
        if (!batch.isEmpty()) {
            LedgerController.openBatch(dialogs, window(), batch);
        }
    }

    @FXML
    void onUndo() {
        moves.undo();
    }

    @FXML
    void onDismissMove() {
        moves.dismiss();
    }

    private Window window() {
        return orderSearchField.getScene() == null ? null : orderSearchField.getScene().getWindow();
    }
}
