package com.allocationdesk.allocation.entrypoints.ui.notifications;

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

/** Notifications.fxml: the out-of-stock alerts, newest first, unread ones in bold. */
@Dependent
public class NotificationsController {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final NotificationsViewModel viewModel;

    @FXML private Label titleLabel;
    @FXML private Label unreadBadge;
    @FXML private Button markReadButton;
    @FXML private Label errorLabel;
    @FXML private ListView<NotificationRow> notificationsList;

    @Inject
    public NotificationsController(NotificationsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        titleLabel.setText("Out-of-stock alerts");
        unreadBadge.textProperty().bind(viewModel.unreadCountProperty().asString());
        unreadBadge.visibleProperty().bind(viewModel.unreadCountProperty().greaterThan(0));
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
                getStyleClass().remove("unread");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item.orderId() + ": " + item.quantity() + " × " + item.sku()
                        + "\nwaiting since " + AT.format(item.at()));
                if (!item.read()) {
                    getStyleClass().add("unread");
                }
            }
        });
        viewModel.reload();
    }

    public NotificationsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    void onMarkAllRead() {
        viewModel.markAllRead();
    }
}
