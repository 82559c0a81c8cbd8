package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.messages.Message;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.events.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Routes messages to handlers, in process.
 * <ul>
 *   <li>A command goes to its one handler; the handler's result is returned and its exception
 *       reaches the caller unchanged.</li>
 *   <li>An event goes to every handler subscribed to it; one that fails is logged and the others
 *       still run.</li>
 *   <li>After each handler the bus queues the events of the aggregates its unit of work saw, and
 *       the messages the handler emitted, and handles them in order before returning. So when
 *       {@code handle} returns, the whole cascade (reallocations, read model, notifications) has
 *       run.</li>
 *   <li>Each handler call gets a fresh unit of work and is re-run, up to the retry policy's limit,
 *       when it fails with {@link ConcurrentModification}. A call that has lost
 *       {@link RetryPolicy#SHARED_ATTEMPTS} times in a row takes its next attempts alone: no other
 *       handler call of this bus runs meanwhile, so no writer in this desk can beat it again
 *       (docs/decisions/0019).</li>
 *   <li><em>Projections</em> are event handlers that keep the read tables current. They run inside
 *       the unit of work that produced the events, just before it commits, so the read tables change in
 *       the same transaction as the write model: one durable commit, and no window in which a crash
 *       leaves the read model behind. A projection that fails is logged and skipped (the command still
 *       commits; {@code RebuildReadModel} repairs the read model), but one that meets a
 *       {@link ConcurrentModification} makes the handler run again: {@link ProjectingUnitOfWork}
 *       keeps that rule.</li>
 *   <li>Every event a unit of work produced is appended to the event log ({@link EventLogWriter})
 *       in that same transaction, whether or not a projection failed: the ledger holds exactly what
 *       committed, in commit order.</li>
 * </ul>
 * The same loop as the book's {@code messagebus.py}: {@link #handle} queues the message,
 * {@code handleCommand} / {@code handleEvent} run its handlers, and each handler call
 * ({@code callHandler}, in a fresh {@link CallContext}) queues what followed from it.
 * Immutable after {@link Builder#build()}, so any number of threads can call {@code handle} at once:
 * each call has its own queue and its own units of work.
 */
public final class MessageBus {
    private static final Logger log = LoggerFactory.getLogger(MessageBus.class);

    private final UnitOfWork.Factory unitsOfWork;
    private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers;
    private final Map<Class<?>, List<EventHandler<?>>> eventHandlers;
    private final Map<Class<?>, List<EventHandler<?>>> projections;
    private final RetryPolicy retryPolicy;
    private final int maxMessagesPerCall;
    /** Handler calls share it (read lock); a call that keeps losing takes it alone (write lock). Fair: no one starves. */
    private final ReentrantReadWriteLock turns = new ReentrantReadWriteLock(true);

    private MessageBus(Builder builder) {
        this.unitsOfWork = builder.unitsOfWork;
        this.commandHandlers = Map.copyOf(builder.commandHandlers);
        this.eventHandlers = immutable(builder.eventHandlers);
        this.projections = immutable(builder.projections);
        this.retryPolicy = builder.retryPolicy;
        this.maxMessagesPerCall = builder.maxMessagesPerCall;
    }

    private static Map<Class<?>, List<EventHandler<?>>> immutable(Map<Class<?>, List<EventHandler<?>>> handlers) {
        Map<Class<?>, List<EventHandler<?>>> copy = new LinkedHashMap<>();
        handlers.forEach((type, list) -> copy.put(type, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    public static Builder builder(UnitOfWork.Factory unitsOfWork) {
        return new Builder(unitsOfWork);
    }

    /** Runs the command's handler, then every follow-up message; returns the handler's result. */
    public <R> R handle(Command<R> command) {
        Objects.requireNonNull(command, "command");
        Deque<Message> queue = new ArrayDeque<>();
        R result = handleCommand(command, queue);
        drain(queue, command);
        return result;
    }

    /**
     * What if? Runs the command's own handler in a unit of work that is never committed, and
     * returns its result and the events it recorded: the rules are the real ones, and nothing is
     * written (its commit runs no projection and writes no ledger entry, inbox receipt or version:
     * all of those live in the commit) or told (no event handler, no live listener). A refusal is
     * thrown as {@link #handle} would throw it. Not retried: a preview that writes nothing meets no
     * conflict of its own.
     */
    public <R> Preview<R> preview(Command<R> command) {
        Objects.requireNonNull(command, "command");
        try (CallContext context = new CallContext(() -> new RolledBackUnitOfWork(unitsOfWork.start()), this::runHandler)) {
            R result = runHandler(command, context);
            List<Event> events = context.followUps().stream()
                    .filter(Event.class::isInstance).map(Event.class::cast).toList();
            return new Preview<>(result, events);
        }
    }

    /** A preview's unit of work: its commit only marks where the handler would commit; closing it rolls back. */
    private static final class RolledBackUnitOfWork extends ForwardingUnitOfWork {
        RolledBackUnitOfWork(UnitOfWork delegate) {
            super(delegate);
        }

        @Override
        public void commit() {
        }
    }

    /** Runs every handler of the event, then every follow-up message. */
    public void handle(Event event) {
        Objects.requireNonNull(event, "event");
        Deque<Message> queue = new ArrayDeque<>();
        queue.add(event);
        drain(queue, event);
    }

    private void drain(Deque<Message> queue, Message origin) {
        int handled = 0;
        while (!queue.isEmpty()) {
            Message message = queue.poll();
            if (++handled > maxMessagesPerCall) {
                throw new CascadeLimitExceeded(maxMessagesPerCall, message);
            }
            if (message instanceof Event event) {
                handleEvent(event, queue);
            } else if (message instanceof Command<?> command) {
                try {
                    handleCommand(command, queue);
                } catch (RuntimeException e) {
                    log.error("Follow-up command {} (caused by {}) failed", command, origin, e);
                }
            }
        }
    }

    private void handleEvent(Event event, Deque<Message> queue) {
        for (EventHandler<?> handler : eventHandlers.getOrDefault(event.getClass(), List.of())) {
            try {
                callHandler(context -> {
                    invoke(handler, event, context);
                    return null;
                }, event, queue);
            } catch (RuntimeException e) {
                log.error("Handler {} failed on {}; the other handlers still run", handler, event, e);
            }
        }
    }

    private <R> R handleCommand(Command<R> command, Deque<Message> queue) {
        CommandHandler<?, ?> handler = handlerOf(command);
        return callHandler(context -> invoke(handler, command, context), command, queue);
    }

    /** A command's handler in a context that is not its own ({@link HandlerContext#handleHere}). */
    private <R> R runHandler(Command<R> command, HandlerContext context) {
        return invoke(handlerOf(command), command, context);
    }

    private CommandHandler<?, ?> handlerOf(Command<?> command) {
        CommandHandler<?, ?> handler = commandHandlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("No handler registered for " + command.getClass().getSimpleName());
        }
        return handler;
    }

    /** One handler call: fresh unit of work, retried on concurrent modification, follow-ups queued. */
    private <R> R callHandler(HandlerCall<R> call, Message message, Deque<Message> queue) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(call, queue, turnFor(attempt));
            } catch (ConcurrentModification e) {
                if (attempt >= retryPolicy.maxAttempts()) {
                    throw new ConcurrentModification("Someone else changed the same stock at the same time, "
                            + attempt + " times in a row; please try again", e);
                }
                log.info("Retrying {} (attempt {} of {}): {}", message, attempt + 1, retryPolicy.maxAttempts(),
                        e.getMessage());
                pauseBefore(attempt + 1, e);
            }
        }
    }

    private <R> R attempt(HandlerCall<R> call, Deque<Message> queue, Lock turn) {
        turn.lock();
        try (CallContext context = new CallContext(this::startUnitOfWork, this::runHandler)) {
            R result = call.run(context);
            queue.addAll(context.followUps());
            return result;
        } finally {
            turn.unlock();
        }
    }

    /**
     * The shared turn, or after {@link RetryPolicy#SHARED_ATTEMPTS} lost attempts the turn alone;
     * never alone for a call made from inside another handler call of this thread (it already holds
     * a shared turn, and waiting for its own to end would never end).
     */
    private Lock turnFor(int attempt) {
        boolean alone = attempt > RetryPolicy.SHARED_ATTEMPTS && turns.getReadHoldCount() == 0;
        return alone ? turns.writeLock() : turns.readLock();
    }

    /** Every unit of work is wrapped, so its events reach the event log even on a bus without projections. */
    private UnitOfWork startUnitOfWork() {
        return new ProjectingUnitOfWork(unitsOfWork.start(), projections);
    }

    private void pauseBefore(int attempt, ConcurrentModification cause) {
        try {
            retryPolicy.pauseBefore(attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> R invoke(CommandHandler<?, ?> handler, Command<R> command, HandlerContext context) {
        return ((CommandHandler<Command<R>, R>) handler).handle(command, context);
    }

    @SuppressWarnings("unchecked")
    private static void invoke(EventHandler<?> handler, Event event, HandlerContext context) {
        ((EventHandler<Event>) handler).handle(event, context);
    }

    @FunctionalInterface
    private interface HandlerCall<R> {
        R run(HandlerContext context);
    }

    /** Registers handlers; a bus is immutable once built. */
    public static final class Builder {
        private final UnitOfWork.Factory unitsOfWork;
        private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers = new LinkedHashMap<>();
        private final Map<Class<?>, List<EventHandler<?>>> eventHandlers = new LinkedHashMap<>();
        private final Map<Class<?>, List<EventHandler<?>>> projections = new LinkedHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private int maxMessagesPerCall = 1_000_000;

        private Builder(UnitOfWork.Factory unitsOfWork) {
            this.unitsOfWork = Objects.requireNonNull(unitsOfWork, "unitsOfWork");
        }

        public <C extends Command<R>, R> Builder command(Class<C> type, CommandHandler<C, R> handler) {
            if (commandHandlers.putIfAbsent(type, Objects.requireNonNull(handler)) != null) {
                throw new IllegalStateException(type.getSimpleName() + " already has a handler");
            }
            return this;
        }

        public <E extends Event> Builder event(Class<E> type, EventHandler<E> handler) {
            eventHandlers.computeIfAbsent(type, t -> new ArrayList<>()).add(Objects.requireNonNull(handler));
            return this;
        }

        /** A handler that keeps read tables current, run inside the producing unit of work before it commits. */
        public <E extends Event> Builder projection(Class<E> type, EventHandler<E> handler) {
            projections.computeIfAbsent(type, t -> new ArrayList<>()).add(Objects.requireNonNull(handler));
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder maxMessagesPerCall(int limit) {
            this.maxMessagesPerCall = limit;
            return this;
        }

        public MessageBus build() {
            return new MessageBus(this);
        }
    }
}
