package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.Alone;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A command that takes seconds never freezes the window: the FX thread keeps answering and shows it is busy. */
@Alone
class ResponsiveWindowIT extends WindowFixture {
    private final CountDownLatch handlerStarted = new CountDownLatch(1);
    private final CountDownLatch releaseHandler = new CountDownLatch(1);

    @Override
    Function<AppConfig, Bootstrap> starter() {
        UnitOfWork.Factory unused = () -> {
            throw new UnsupportedOperationException("the slow handler needs no unit of work");
        };
        MessageBus slowBus = MessageBus.builder(unused)
                .command(CreateBatch.class, (command, context) -> {
                    handlerStarted.countDown();
                    try {
                        releaseHandler.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })
                .build();
        return config -> AllocationDeskApp.builder(config).override(MessageBus.class, slowBus).start();
    }

    @Test
    void theFxThreadAnswersWithinAFewMillisecondsWhileACommandRuns() throws Exception {
        waitUntil("the empty state shows", () -> node("#emptyState").isVisible());
        clickOn("#addFirstBatchButton");
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        fill("#referenceField", "B-SLOW");
        fill("#batchSkuField", "LAMP");
        fill("#batchQuantityField", "10");
        clickOn("#addButton");
        assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).as("the handler runs").isTrue();

        try {
            for (int ping = 0; ping < 5; ping++) {
                CountDownLatch answered = new CountDownLatch(1);
                long sent = System.nanoTime();
                Platform.runLater(answered::countDown);
                assertThat(answered.await(100, TimeUnit.MILLISECONDS))
                        .as("the FX thread answers ping %d within 100 ms while the command runs", ping).isTrue();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isLessThan(100);
                Thread.sleep(50);
            }
            waitUntil("the busy indicator shows in the status bar", () -> node("#statusBusy").isVisible());
            assertThat(node("#addButton").isDisabled()).as("the button is off while the command runs").isTrue();
        } finally {
            releaseHandler.countDown();
        }
        waitUntil("the dialog closes when the command is done", () -> find("#referenceField").isEmpty());
    }
}
