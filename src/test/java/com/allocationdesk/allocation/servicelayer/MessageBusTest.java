package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.events.Placement;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the bus routes commands and events, over fakes. */
class MessageBusTest {
    private final FakeUnitOfWork.Store store = new FakeUnitOfWork.Store();
    private final FakeNotifications notifications = new FakeNotifications();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final List<Event> seen = new CopyOnWriteArrayList<>();

    private MessageBus.Builder core() {
        return HandlerRegistry.bus(store, notifications, clock);
    }

    @Nested
    class Previews {
        private MessageBus stocked() {
            MessageBus bus = core().event(Allocated.class, (event, context) -> seen.add(event))
                    .event(OutOfStock.class, (event, context) -> seen.add(event))
                    .event(BatchQuantityChanged.class, (event, context) -> seen.add(event)).build();
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            bus.handle(new CreateBatch("b2", "LAMP", 3, LocalDate.of(2027, 1, 1)));
            bus.handle(new Allocate("o1", "LAMP", 6));
            bus.handle(new Allocate("o2", "LAMP", 4));
            seen.clear();
            return bus;
        }

        @Test
        void runTheRealHandlerAndReturnItsResultAndEventsButWriteNothingAndTellNobody() {
            MessageBus bus = stocked();
            List<Event> logBefore = store.log();
            List<java.util.Map<String, ?>> tablesBefore = store.readModel().tables();
            int alertsBefore = store.readModel().notifications.size();
            int toldBefore = notifications.sent().size();

            Preview<com.allocationdesk.allocation.domain.Consequences> preview = bus.preview(new ChangeBatchQuantity("b1", 7));

            assertThat(preview.result().moved()).extracting(m -> m.orderId()).containsExactly("o2");
            assertThat(preview.events()).hasSize(3).first().isInstanceOf(BatchQuantityChanged.class);
            assertThat(store.log()).as("the ledger").isEqualTo(logBefore);
            assertThat(store.readModel().tables()).as("the read tables").isEqualTo(tablesBefore);
            assertThat(store.readModel().notifications).as("the alerts").hasSize(alertsBefore);
            assertThat(notifications.sent()).as("nobody told").hasSize(toldBefore);
            assertThat(seen).as("no event handler ran").isEmpty();
            assertThat(store.started()).last().satisfies(uow -> {
                assertThat(uow.committed()).isFalse();
                assertThat(uow.closed()).isTrue();
            });
        }

        @Test
        void equalWhatRunningTheCommandThenDoes() {
            MessageBus bus = stocked();
            Preview<com.allocationdesk.allocation.domain.Consequences> preview = bus.preview(new ChangeBatchQuantity("b1", 7));
            assertThat(bus.preview(new ChangeBatchQuantity("b1", 7))).as("a second preview sees the same").isEqualTo(preview);
            int logged = store.log().size();

            com.allocationdesk.allocation.domain.Consequences real = bus.handle(new ChangeBatchQuantity("b1", 7));

            assertThat(real).isEqualTo(preview.result());
            assertThat(store.log().subList(logged, store.log().size())).isEqualTo(preview.events());
        }

        @Test
        void refuseWhatTheCommandRefusesAndStillWriteNothing() {
            MessageBus bus = stocked();
            List<Event> logBefore = store.log();

            assertThatThrownBy(() -> bus.preview(new Allocate("o9", "NOPE", 1))).isInstanceOf(InvalidSku.class);
            assertThat(store.log()).isEqualTo(logBefore);
        }
    }

    @Nested
    class Commands {
        @Test
        void returnTheirHandlersResult() {
            MessageBus bus = core().build();
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 1))).contains("b1");
        }

        @Test
        void letTheHandlersExceptionReachTheCallerUnchanged() {
            IllegalStateException boom = new IllegalStateException("boom");
            MessageBus bus = MessageBus.builder(store).command(Allocate.class, (c, ctx) -> {
                throw boom;
            }).build();

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 1))).isSameAs(boom);
        }

        @Test
        void withoutAHandlerFailLoudly() {
            MessageBus bus = MessageBus.builder(store).build();

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("No handler registered for Allocate");
        }

        @Test
        void haveExactlyOneHandler() {
            MessageBus.Builder builder = MessageBus.builder(store).command(Allocate.class, (c, ctx) -> null);

            assertThatThrownBy(() -> builder.command(Allocate.class, (c, ctx) -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a handler");
        }
    }

    @Nested
    class Events {
        @Test
        void reachEveryHandlerSubscribedToThem() {
            MessageBus bus = core().event(BatchCreated.class, (e, ctx) -> seen.add(e))
                    .event(BatchCreated.class, (e, ctx) -> seen.add(e)).build();

            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThat(seen).hasSize(2).allMatch(e -> e instanceof BatchCreated);
        }

        @Test
        void aFailingHandlerDoesNotStopTheOthersNorTheCommand() {
            MessageBus bus = core()
                    .event(Allocated.class, (e, ctx) -> {
                        throw new IllegalStateException("listener broke");
                    })
                    .event(Allocated.class, (e, ctx) -> seen.add(e)).build();
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 1))).contains("b1");
            assertThat(seen).containsExactly(new Allocated("o1", "LAMP", 1, "b1", null,
                    new Placement(Placement.Rule.WAREHOUSE_FIRST, List.of(), 0, List.of()), Cause.planner(), null, null));
        }

        @Test
        void outOfStockNotifiesThePlannerAndStoresTheNotice() {
            MessageBus bus = core().build();
            bus.handle(new CreateBatch("b1", "LAMP", 1, null));

            bus.handle(new Allocate("o1", "LAMP", 2));

            assertThat(notifications.sent()).extracting(OutOfStock::orderId).containsExactly("o1");
            assertThat(store.readModel().notifications).singleElement()
                    .satisfies(n -> assertThat(n.orderId()).isEqualTo("o1"))
                    .satisfies(n -> assertThat(n.read()).isFalse());
        }

        @Test
        void eventsOfTheCommandReachTheirHandlersBeforeTheCallReturns() {
            MessageBus bus = core().event(Allocated.class, (e, ctx) -> seen.add(e)).build();
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 10, LocalDate.of(2026, 12, 1)));
            bus.handle(new Allocate("o1", "LAMP", 8));
            seen.clear();

            bus.handle(new ChangeBatchQuantity("warehouse", 5));

            assertThat(seen).containsExactly(new Allocated("o1", "LAMP", 8, "shipment", LocalDate.of(2026, 12, 1),
                    new Placement(Placement.Rule.EARLIEST_ETA, List.of(new Placement.PassedOver("warehouse", null, 5)), 0,
                            List.of()),
                    Cause.quantityChanged("warehouse", 10, 5), "warehouse", null));
        }

        @Test
        void handlersCanSendFollowUpMessages() {
            MessageBus bus = core().event(BatchCreated.class, (e, ctx) -> ctx.emit(new Allocate("auto", e.sku(), 1))).build();

            bus.handle(new CreateBatch("b1", "LAMP", 10, null));

            assertThat(store.readModel().allocations).containsKey("auto/LAMP");
        }

        @Test
        void aRunawayCascadeStopsWithAClearError() {
            MessageBus bus = MessageBus.builder(store).maxMessagesPerCall(50)
                    .event(BatchCreated.class, (e, ctx) -> ctx.emit(e)).build();

            assertThatThrownBy(() -> bus.handle(new BatchCreated("b1", "LAMP", 1, null)))
                    .isInstanceOf(CascadeLimitExceeded.class).hasMessageContaining("Stopped after 50");
        }
    }

    @Nested
    class Projections {
        @Test
        void keepTheReadTablesEqualToTheWriteModel() {
            MessageBus bus = core().build();
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 5, LocalDate.of(2026, 12, 1)));
            bus.handle(new Allocate("o1", "LAMP", 6));
            bus.handle(new Allocate("o2", "LAMP", 4));
            bus.handle(new Allocate("o3", "LAMP", 9));
            bus.handle(new ChangeBatchQuantity("warehouse", 3));
            bus.handle(new CancelLine("o2", "LAMP"));
            List<?> projected = store.readModel().tables();

            bus.handle(new RebuildReadModel());

            assertThat(store.readModel().tables()).isEqualTo(projected);
            assertThat(store.readModel().waiting).containsKey("o3/LAMP");
        }

        @Test
        void thatFailAreLoggedAndTheCommandStillCommits() {
            MessageBus bus = core().projection(BatchCreated.class, (e, ctx) -> {
                throw new IllegalStateException("projection broke");
            }).build();

            try (LogCapture log = LogCapture.of("com.allocationdesk.allocation.servicelayer")) {
                bus.handle(new CreateBatch("b1", "LAMP", 10, null));

                assertThat(log.errors()).singleElement().satisfies(line -> assertThat(line)
                        .contains("Projection").contains("BatchCreated").contains("RebuildReadModel"));
            }
            assertThat(store.started()).hasSize(1).first().satisfies(uow -> assertThat(uow.committed()).isTrue());
            assertThat(store.readModel().batches).containsKey("b1");
        }

        @Test
        void thatMeetAConcurrentModificationMakeTheHandlerRunAgain() {
            AtomicInteger projected = new AtomicInteger();
            MessageBus bus = core().retryPolicy(new RetryPolicy(4, Duration.ZERO, pause -> { }))
                    .projection(BatchQuantityChanged.class, (e, ctx) -> {
                        if (projected.incrementAndGet() == 1) {
                            throw new ConcurrentModification("another change to the same rows was saved first", null);
                        }
                    }).build();
            bus.handle(new CreateBatch("b1", "LAMP", 10, null));
            int before = store.started().size();

            try (LogCapture log = LogCapture.of("com.allocationdesk.allocation.servicelayer")) {
                bus.handle(new ChangeBatchQuantity("b1", 5));

                assertThat(log.errors()).as("a conflict is retried, not logged as a broken projection").isEmpty();
            }

            List<FakeUnitOfWork> attempts = store.started().subList(before, store.started().size());
            assertThat(projected).hasValue(2);
            assertThat(attempts).hasSize(2).allSatisfy(uow -> assertThat(uow.closed()).isTrue());
            assertThat(attempts.get(0).committed()).as("the attempt that met the conflict").isFalse();
            assertThat(attempts.get(1).committed()).as("the re-run").isTrue();
            assertThat(store.readModel().batches.get("b1").purchased()).isEqualTo(5);
        }

        @Test
        void doNotRunWhenTheHandlerFailsBeforeCommitting() {
            MessageBus bus = core().build();
            bus.handle(new CreateBatch("b1", "LAMP", 1, null));

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "NOPE", 1))).isInstanceOf(InvalidSku.class);

            assertThat(store.readModel().allocations).isEmpty();
        }
    }

    @Nested
    class Retries {
        private final List<Duration> pauses = new CopyOnWriteArrayList<>();
        private final RetryPolicy recordingPolicy = new RetryPolicy(4, Duration.ofMillis(10), pauses::add);

        private MessageBus failingTimes(int failures, AtomicInteger calls, RuntimeException failure) {
            return MessageBus.builder(store).retryPolicy(recordingPolicy).command(Allocate.class, (c, ctx) -> {
                ctx.uow();
                if (calls.incrementAndGet() <= failures) {
                    throw failure;
                }
                return java.util.Optional.of("b1");
            }).build();
        }

        @Test
        void reRunTheHandlerInAFreshUnitOfWorkAfterAConcurrentModification() {
            AtomicInteger calls = new AtomicInteger();
            MessageBus bus = failingTimes(2, calls, new ConcurrentModification("clash", null));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 1))).contains("b1");

            assertThat(calls).hasValue(3);
            assertThat(store.started()).hasSize(3).allSatisfy(uow -> assertThat(uow.closed()).isTrue());
            assertThat(pauses).hasSize(2);
            assertThat(pauses.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20)).isGreaterThanOrEqualTo(Duration.ofMillis(10));
        }

        @Test
        void giveUpAfterTheLastAttemptWithAMessageForThePlanner() {
            AtomicInteger calls = new AtomicInteger();
            MessageBus bus = failingTimes(99, calls, new ConcurrentModification("clash", null));

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 1)))
                    .isInstanceOf(ConcurrentModification.class)
                    .hasMessageContaining("Someone else changed the same stock at the same time")
                    .hasMessageContaining("try again");
            assertThat(calls).hasValue(4);
        }

        @Test
        void aConcurrentModificationInAnIncludedCommandReRunsTheWholeCallInOneFreshUnitOfWork() {
            AtomicInteger calls = new AtomicInteger();
            MessageBus bus = MessageBus.builder(store).retryPolicy(recordingPolicy)
                    .command(Allocate.class, (c, ctx) -> {
                        ctx.uow().commit(); // left to the caller: nothing is committed here
                        if (calls.incrementAndGet() == 1) {
                            throw new ConcurrentModification("clash", null);
                        }
                        return java.util.Optional.of("b1");
                    })
                    .command(AllocateLines.class, (c, ctx) -> {
                        List<java.util.Optional<String>> results = new ArrayList<>();
                        c.lines().forEach(line -> results.add(ctx.handleHere(line)));
                        ctx.uow().commit();
                        return results;
                    }).build();

            List<java.util.Optional<String>> results = bus.handle(new AllocateLines(List.of(
                    new Allocate("o1", "LAMP", 1), new Allocate("o2", "LAMP", 1))));

            assertThat(results).containsExactly(java.util.Optional.of("b1"), java.util.Optional.of("b1"));
            assertThat(calls).hasValue(3);
            assertThat(store.started()).as("one unit of work per attempt of the whole call").hasSize(2);
            assertThat(store.started().get(0).committed()).isFalse();
            assertThat(store.started().get(1).committed()).isTrue();
            assertThat(store.started()).allSatisfy(uow -> assertThat(uow.closed()).isTrue());
        }

        @Test
        void neverRetryOtherFailures() {
            AtomicInteger calls = new AtomicInteger();
            MessageBus bus = failingTimes(99, calls, new InvalidSku("LAMP"));

            assertThatThrownBy(() -> bus.handle(new Allocate("o1", "LAMP", 1))).isInstanceOf(InvalidSku.class);
            assertThat(calls).hasValue(1);
            assertThat(pauses).isEmpty();
        }
    }

    @Nested
    class Threads {
        @Test
        void callsFromSeveralThreadsDoNotShareQueuesOrUnitsOfWork() throws Exception {
            List<UnitOfWork> unitsOfWorkSeen = new CopyOnWriteArrayList<>();
            CountDownLatch allInside = new CountDownLatch(4);
            MessageBus bus = MessageBus.builder(store).command(Allocate.class, (c, ctx) -> {
                unitsOfWorkSeen.add(ctx.uow());
                allInside.countDown();
                await(allInside);
                return java.util.Optional.of(c.orderId());
            }).build();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<java.util.Optional<String>>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String order = "o" + i;
                    results.add(pool.submit(() -> bus.handle(new Allocate(order, "LAMP", 1))));
                }
                for (int i = 0; i < 4; i++) {
                    assertThat(results.get(i).get(10, TimeUnit.SECONDS)).contains("o" + i);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(unitsOfWorkSeen).hasSize(4).doesNotHaveDuplicates();
        }

        @Test
        void aCallThatKeepsLosingMakesItsNextAttemptAloneWhenTheCallsInsideHaveEnded() throws Exception {
            AtomicInteger inside = new AtomicInteger();
            CountDownLatch slowInside = new CountDownLatch(1);
            CountDownLatch releaseSlow = new CountDownLatch(1);
            AtomicInteger attempts = new AtomicInteger();
            List<Integer> othersInsideAtAttempt = new CopyOnWriteArrayList<>();
            MessageBus bus = MessageBus.builder(store)
                    .retryPolicy(new RetryPolicy(RetryPolicy.SHARED_ATTEMPTS + 2, Duration.ZERO, pause -> { }))
                    .command(CreateBatch.class, (c, ctx) -> {
                        inside.incrementAndGet();
                        slowInside.countDown();
                        awaitQuietly(releaseSlow);
                        inside.decrementAndGet();
                        return null;
                    })
                    .command(Allocate.class, (c, ctx) -> {
                        othersInsideAtAttempt.add(inside.get());
                        if (attempts.incrementAndGet() <= RetryPolicy.SHARED_ATTEMPTS) {
                            if (attempts.get() == RetryPolicy.SHARED_ATTEMPTS) {
                                // the slow call ends a while after the last shared attempt: without a
                                // turn alone the next attempt would run while it is still inside
                                new Thread(() -> {
                                    sleepQuietly(300);
                                    releaseSlow.countDown();
                                }, "releasing the slow call").start();
                            }
                            throw new ConcurrentModification("clash", null);
                        }
                        return java.util.Optional.of("b1");
                    }).build();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> slow = pool.submit(() -> bus.handle(new CreateBatch("b1", "LAMP", 1, null)));
                assertThat(slowInside.await(10, TimeUnit.SECONDS)).isTrue();
                Future<java.util.Optional<String>> loser = pool.submit(() -> bus.handle(new Allocate("o1", "LAMP", 1)));

                assertThat(loser.get(10, TimeUnit.SECONDS)).contains("b1");
                slow.get(10, TimeUnit.SECONDS);
            } finally {
                releaseSlow.countDown();
                pool.shutdownNow();
            }
            assertThat(othersInsideAtAttempt).as("calls inside at each attempt")
                    .containsExactly(1, 1, 1, 0);
        }

        @Test
        void aCallMadeInsideAnotherHandlerCallKeepsItsSharedTurnInsteadOfWaitingForItself() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<MessageBus> self = new java.util.concurrent.atomic.AtomicReference<>();
            MessageBus bus = MessageBus.builder(store)
                    .retryPolicy(new RetryPolicy(RetryPolicy.SHARED_ATTEMPTS + 2, Duration.ZERO, pause -> { }))
                    .command(CreateBatch.class, (c, ctx) -> {
                        self.get().handle(new Allocate("o1", "LAMP", 1));
                        return null;
                    })
                    .command(Allocate.class, (c, ctx) -> {
                        if (attempts.incrementAndGet() <= RetryPolicy.SHARED_ATTEMPTS) {
                            throw new ConcurrentModification("clash", null);
                        }
                        return java.util.Optional.of("b1");
                    }).build();
            self.set(bus);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                pool.submit(() -> bus.handle(new CreateBatch("b1", "LAMP", 1, null))).get(10, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(attempts).hasValue(RetryPolicy.SHARED_ATTEMPTS + 1);
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).as("all four calls ran at once").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
