package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.HostDesktop;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;

/**
 * ConnectionsBar.fxml, on the main window's status bar: "Outbox: …" and "Inbox: …", red while a
 * connection cannot do its work. A click opens the folder in the desktop's file manager, or the
 * Connections dialog when there is no folder to open.
 */
@Dependent
public class ConnectionsBarController {
    private static final String ERROR = "connection-error";

    private final ConnectionsBarViewModel viewModel;
    private final DialogService dialogs;
    private final HostDesktop desktop;

    @FXML private Hyperlink outboxStatusLink;
    @FXML private Hyperlink inboxStatusLink;

    @Inject
    public ConnectionsBarController(ConnectionsBarViewModel viewModel, DialogService dialogs, HostDesktop desktop) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.desktop = desktop;
    }

    @FXML
    private void initialize() {
        bind(viewModel.item(Connection.OUTBOX), outboxStatusLink);
        bind(viewModel.item(Connection.INBOX), inboxStatusLink);
    }

    private void bind(ConnectionsBarViewModel.Item item, Hyperlink link) {
        link.textProperty().bind(item.textProperty());
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(item.hintProperty());
        link.setTooltip(tooltip);
        item.errorProperty().addListener((obs, was, now) -> showError(link, now));
        showError(link, item.errorProperty().get());
        link.setOnAction(e -> {
            link.setVisited(false);
            item.folder().ifPresentOrElse(desktop::showFolder,
                    () -> ConnectionsDialogController.open(dialogs, link.getScene().getWindow()));
        });
    }

    private static void showError(Hyperlink link, boolean error) {
        if (error && !link.getStyleClass().contains(ERROR)) {
            link.getStyleClass().add(ERROR);
        } else if (!error) {
            link.getStyleClass().remove(ERROR);
        }
    }
}
