package com.allocationdesk.allocation.entrypoints.ui.notifications;

import com.allocationdesk.allocation.entrypoints.ui.support.TableClipboard;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.NotificationRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.util.List;

/**
 * Notifications.fxml: the out-of-stock alerts, newest first, each with its state (waiting, allocated
 * to a batch, cancelled), unread ones in bold, resolved ones muted; the badge counts the open ones.
 */
@Dependent
public class NotificationsController {
    private final NotificationsViewModel viewModel;
    private final DialogService dialogs;
    private final DisplayFormats formats;

    @FXML private Label titleLabel;
    @FXML private Label openBadge;
    @FXML private Button markReadButton;
    @FXML private Label errorLabel;
    @FXML private ListView<NotificationRow> notificationsList;

    @Inject
    public NotificationsController(NotificationsViewModel viewModel, DialogService dialogs, DisplayFormats formats) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.formats = formats;
    }

    /** The format's property, not the bean: a cell drawn while the window closes must not reach a closed container. */
    private javafx.beans.value.ObservableValue<DisplayFormats.DateTime> format;

    @FXML
    private void initialize() {
        format = formats.dateTimeProperty();
        titleLabel.textProperty().bind(viewModel.titleProperty());
        ViewBindings.wholeText(titleLabel);   // "(1,574 unread)" wraps rather than vanishing behind "…"
        openBadge.textProperty().bind(viewModel.openCountProperty().asString());
        openBadge.visibleProperty().bind(viewModel.openCountProperty().greaterThan(0));
        markReadButton.disableProperty().bind(viewModel.unreadCountProperty().isEqualTo(0).or(viewModel.busyProperty()));
        ViewBindings.message(errorLabel, viewModel.errorMessageProperty());
        notificationsList.setItems(viewModel.items());
        notificationsList.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);   // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(NotificationRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("unread", "resolved");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item.orderId() + ": " + DisplayFormats.number(item.quantity()) + " × " + item.sku() + "\n" + text(item));
                if (!item.read()) {
                    getStyleClass().add("unread");
                }
                if (!item.open()) {
                    getStyleClass().add("resolved");
                }
            }
        });
        TableClipboard.install(notificationsList, List.of("Order", "SKU", "Quantity", "Alert"),
                item -> List.of(item.orderId(), item.sku(), DisplayFormats.number(item.quantity()), text(item)));
        format.addListener((obs, old, now) -> notificationsList.refresh());
        viewModel.reload();
    }

    /** "waiting since 01/12/2026, 09:00", "allocated to B2 · 01/12/2026, 10:00", "cancelled · ...", in the planner's format. */
    private String text(NotificationRow item) {
        if (item.open()) {
            return "waiting since " + format.getValue().format(item.at());
        }
        return item.describe() + (item.resolvedAt() == null ? "" : " · " + format.getValue().format(item.resolvedAt()))
                + " (out of stock " + format.getValue().format(item.at()) + ")";
    }

    public NotificationsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onMarkAllRead() {
        if (viewModel.unreadCountProperty().get() > 0) {
            dialogs.confirm(markReadButton.getScene().getWindow(), "Mark all read", viewModel.markAllReadQuestion(),
                    viewModel.markAllReadAnswer(), viewModel::markAllRead);
        }
    }
}
