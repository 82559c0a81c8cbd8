package com.allocationdesk.allocation.entrypoints.ui.notifications;

import com.allocationdesk.allocation.entrypoints.ui.support.TableClipboard;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.NotificationRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/**
 * Notifications.fxml: the out-of-stock alerts, newest first, each with its state (waiting, allocated
 * to a batch, cancelled), unread ones in bold, resolved ones muted; the badge counts the open ones.
 */
@Dependent
public class NotificationsController {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final NotificationsViewModel viewModel;

    @FXML private Label titleLabel;
    @FXML private Label openBadge;
    @FXML private Button markReadButton;
    @FXML private Label errorLabel;
    @FXML private ListView<NotificationRow> notificationsList;

    @Inject
    public NotificationsController(NotificationsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(viewModel.titleProperty());
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
                setText(item.orderId() + ": " + item.quantity() + " × " + item.sku() + "\n" + text(item));
                if (!item.read()) {
                    getStyleClass().add("unread");
                }
                if (!item.open()) {
                    getStyleClass().add("resolved");
                }
            }
        });
        TableClipboard.install(notificationsList, List.of("Order", "SKU", "Quantity", "Alert"),
                item -> List.of(item.orderId(), item.sku(), Integer.toString(item.quantity()), text(item)));
        viewModel.reload();
    }

    /** "waiting since 01/12/2026, 09:00", "allocated to B2 · 01/12/2026, 10:00", "cancelled · ...". */
    static String text(NotificationRow item) {
        if (item.open()) {
            return "waiting since " + AT.format(item.at());
        }
        return item.describe() + (item.resolvedAt() == null ? "" : " · " + AT.format(item.resolvedAt()))
                + " (out of stock " + AT.format(item.at()) + ")";
    }

    public NotificationsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onMarkAllRead() {
        viewModel.markAllRead();
    }
}
