package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.domain.commands.ServeWaitingLines;
import com.allocationdesk.allocation.domain.commands.TakeInboxChunk;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.EventHandler;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.Notifications;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which handler serves each command, and which handlers and projections react to each event: the
 * book's {@code COMMAND_HANDLERS} and {@code EVENT_HANDLERS}, kept beside the handlers. The
 * dependencies (the clock, the notifications port) come in from {@code bootstrap}, which builds no
 * handler itself; the application and the tests build their bus here, so both run the same routes.
 * <p>
 * {@code RegistryCompletenessTest} checks this table against the sealed {@link Command} and
 * {@link Event}: every command has exactly one handler, every event at least one handler or
 * projection. (The bootstrap also subscribes the window's live broadcaster to every event.)
 */
public final class HandlerRegistry {
    private final List<CommandRoute<?, ?>> commandHandlers;
    private final List<EventRoute<?>> eventHandlers;
    private final List<EventRoute<?>> projections;

    /**
     * The handlers' time is taken to the microsecond: what every store keeps (PostgreSQL's
     * timestamps have six digits), so what a unit of work holds in memory (a waiting line's
     * "since") is what it reads back, on either store.
     */
    private static final Duration TICK = Duration.ofNanos(1_000);

    private HandlerRegistry(Notifications notifications, Clock exactClock) {
        Objects.requireNonNull(notifications, "notifications");
        Clock clock = Clock.tick(Objects.requireNonNull(exactClock, "clock"), TICK);
        ReadModelProjection readModel = new ReadModelProjection(clock);
        commandHandlers = List.of(
                command(CreateBatch.class, new CreateBatchHandler()),
                command(CreateBatches.class, new CreateBatchesHandler()),
                command(Allocate.class, new AllocateHandler(clock)),
                command(AllocateLines.class, new AllocateLinesHandler(clock)),
                command(ChangeBatchQuantity.class, new ChangeBatchQuantityHandler(clock)),
                command(CancelLine.class, new CancelLineHandler()),
                command(ChangeLineQuantity.class, new ChangeLineQuantityHandler(clock)),
                command(RebuildReadModel.class, new RebuildReadModelHandler(clock)),
                command(ServeWaitingLines.class, new ServeWaitingLinesHandler()),
                command(MarkNotificationsRead.class, new MarkNotificationsReadHandler()),
                command(TakeInboxChunk.class, new TakeInboxChunkHandler(clock)));
        eventHandlers = List.of(
                event(OutOfStock.class, new NotifyOutOfStockHandler(notifications)));
        projections = List.of(
                event(BatchCreated.class, readModel::batchCreated),
                event(BatchQuantityChanged.class, readModel::batchQuantityChanged),
                event(Allocated.class, readModel::allocated),
                event(Deallocated.class, readModel::deallocated),
                event(LineCancelled.class, readModel::lineCancelled),
                event(LineQuantityChanged.class, readModel::lineQuantityChanged),
                event(OutOfStock.class, readModel::outOfStock));
    }

    /** The routes, with these dependencies handed to the handlers that need them. */
    public static HandlerRegistry of(Notifications notifications, Clock clock) {
        return new HandlerRegistry(notifications, clock);
    }

    /** A bus builder with every route registered; callers may add listeners and then build. */
    public static MessageBus.Builder bus(UnitOfWork.Factory unitsOfWork, Notifications notifications, Clock clock) {
        return of(notifications, clock).bus(unitsOfWork);
    }

    /** A bus builder with every route of this registry registered. */
    public MessageBus.Builder bus(UnitOfWork.Factory unitsOfWork) {
        MessageBus.Builder bus = MessageBus.builder(unitsOfWork);
        commandHandlers.forEach(route -> route.registerOn(bus));
        eventHandlers.forEach(route -> route.registerOn(bus));
        projections.forEach(route -> route.registerAsProjectionOn(bus));
        return bus;
    }

    /** One entry per command handler (a command listed twice is refused when the bus is built). */
    public List<CommandRoute<?, ?>> commandHandlers() {
        return commandHandlers;
    }

    /** Event handlers: run after the unit of work that recorded the event has committed. */
    public List<EventRoute<?>> eventHandlers() {
        return eventHandlers;
    }

    /** Projections: keep the read tables current, inside the unit of work that recorded the event. */
    public List<EventRoute<?>> projections() {
        return projections;
    }

    private static <C extends Command<R>, R> CommandRoute<C, R> command(Class<C> type, CommandHandler<C, R> handler) {
        return new CommandRoute<>(type, handler);
    }

    private static <E extends Event> EventRoute<E> event(Class<E> type, EventHandler<E> handler) {
        return new EventRoute<>(type, handler);
    }

    /** A command and the one handler that carries it out. */
    public record CommandRoute<C extends Command<R>, R>(Class<C> type, CommandHandler<C, R> handler) {
        public CommandRoute {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
        }

        void registerOn(MessageBus.Builder bus) {
            bus.command(type, handler);
        }
    }

    /** An event and one handler (or projection) that reacts to it. */
    public record EventRoute<E extends Event>(Class<E> type, EventHandler<E> handler) {
        public EventRoute {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
        }

        void registerOn(MessageBus.Builder bus) {
            bus.event(type, handler);
        }

        void registerAsProjectionOn(MessageBus.Builder bus) {
            bus.projection(type, handler);
        }
    }
}
