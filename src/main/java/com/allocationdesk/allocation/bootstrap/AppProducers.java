package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.eventlog.DeskName;
import com.allocationdesk.allocation.adapters.eventlog.JdbcEventLog;
import com.allocationdesk.allocation.adapters.inbox.JdbcInboxReceipts;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.notifications.LoggingNotifications;
import com.allocationdesk.allocation.adapters.orm.HibernateUnitsOfWork;
import com.allocationdesk.allocation.adapters.outbox.JdbcOutboxProgress;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.readmodel.JdbcReadModelWriter;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.outbox.OutboxRelay;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.Notifications;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.InboxReceiptsQuery;
import com.allocationdesk.allocation.queries.HistorySentences;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.queries.OrderLinesQuery;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import com.allocationdesk.allocation.queries.StockPositionQuery;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Every application-wide object, made once per container. Handlers are not beans: the bus gets
 * them from {@link HandlerRegistry}, with their adapters passed in, so no handler builds its own
 * dependencies and a test swaps an adapter by overriding its bean ({@link Bootstrap.Builder#override}).
 * <p>
 * Scope: {@code @Singleton} (one instance per container, no client proxy). The types here are final
 * classes or records, which CDI cannot proxy for {@code @ApplicationScoped}; injecting them works
 * the same either way.
 */
@Dependent
public class AppProducers {
    private static final Logger log = LoggerFactory.getLogger(AppProducers.class);

    /**
     * The store: the embedded file (locked for this process) or the site's PostgreSQL server
     * ({@code --db postgresql://…}), migrated.
     */
    @Produces
    @Singleton
    Store store(AppConfig config) {
        return config.onServer()
                .<Store>map(server -> {
                    ownFolder(config);
                    return PostgresStore.open(server.address(), server.user(), server.password());
                })
                .orElseGet(() -> Database.open(config.databasePath(), config.keepBackups(), config.readModelMayDisagree(),
                        config.minFreeBytes()));
    }

    /** On a server, the folder where this desk keeps its own files ({@link AppConfig#databasePath}). */
    private static void ownFolder(AppConfig config) {
        Path folder = config.databasePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatabaseUnavailable("Cannot create the folder " + folder + " for this desk's own files: "
                    + e.getMessage(), e);
        }
    }

    /** Closes the store, and before it what runs on it (Hibernate). */
    void closeStore(@Disposes Store store) {
        log.info("Shutting down the database {}", store.name());
        store.close();
    }

    @Produces
    @Singleton
    DataSource dataSource(Store store) {
        return store.dataSource();
    }

    /**
     * The write side: Hibernate over the store, each unit of work writing the read tables and the
     * event log with JDBC on its own connection. Booted now when the run writes at once (the CLI's writing
     * commands), else on {@link Bootstrap#prepareForWrites()} or at the first command.
     */
    @Produces
    @Singleton
    @Typed(HibernateUnitsOfWork.class) // injected as UnitOfWork.Factory through the producer below, which a test may override
    HibernateUnitsOfWork hibernate(Store store, AppConfig config, Clock clock, DeskIdentity desk) {
        HibernateUnitsOfWork units = HibernateUnitsOfWork.over(store, JdbcReadModelWriter::new,
                JdbcEventLog.factory(clock, desk.name()), JdbcInboxReceipts::new);
        if (config.writesAtOnce()) {
            units.bootInBackground();
        }
        return units;
    }

    @Produces
    @Singleton
    UnitOfWork.Factory unitsOfWork(HibernateUnitsOfWork hibernate) {
        return hibernate;
    }

    /** Who this desk is in the ledger: {@code user@host}. */
    @Produces
    @Singleton
    DeskIdentity deskIdentity() {
        return new DeskIdentity(DeskName.current());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Notifications notifications() {
        return new LoggingNotifications();
    }

    @Produces
    @Singleton
    EventBroadcaster eventBroadcaster() {
        return new EventBroadcaster();
    }

    @Produces
    @Singleton
    MessageBus messageBus(UnitOfWork.Factory unitsOfWork, Notifications notifications, Clock clock,
                          EventBroadcaster broadcaster) {
        MessageBus.Builder bus = HandlerRegistry.bus(unitsOfWork, notifications, clock);
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            broadcast(bus, type.asSubclass(Event.class), broadcaster);
        }
        return bus.build();
    }

    private static <E extends Event> void broadcast(MessageBus.Builder bus, Class<E> type, EventBroadcaster broadcaster) {
        bus.event(type, (event, context) -> broadcaster.publish(event));
    }

    @Produces
    @Singleton
    AllocationsQuery allocationsQuery(DataSource dataSource) {
        return new AllocationsQuery(dataSource);
    }

    @Produces
    @Singleton
    BatchesQuery batchesQuery(DataSource dataSource) {
        return new BatchesQuery(dataSource);
    }

    @Produces
    @Singleton
    WaitingQuery waitingQuery(DataSource dataSource) {
        return new WaitingQuery(dataSource);
    }

    @Produces
    @Singleton
    StockTotalsQuery stockTotalsQuery(DataSource dataSource) {
        return new StockTotalsQuery(dataSource);
    }

    @Produces
    @Singleton
    StockPositionQuery stockPositionQuery(DataSource dataSource) {
        return new StockPositionQuery(dataSource);
    }

    @Produces
    @Singleton
    NotificationsQuery notificationsQuery(DataSource dataSource) {
        return new NotificationsQuery(dataSource);
    }

    @Produces
    @Singleton
    OrderLinesQuery orderLinesQuery(DataSource dataSource) {
        return new OrderLinesQuery(dataSource);
    }

    @Produces
    @Singleton
    EventLogQuery eventLogQuery(DataSource dataSource) {
        return new EventLogQuery(dataSource);
    }

    @Produces
    @Singleton
    InboxReceiptsQuery inboxReceiptsQuery(DataSource dataSource) {
        return new InboxReceiptsQuery(dataSource);
    }

    /** Publishes the ledger to an outbox folder ({@code publish}); its progress is a row of the database. */
    @Produces
    @Singleton
    OutboxRelay outboxRelay(EventLogQuery eventLog, Store store) {
        return new OutboxRelay(eventLog, new JdbcOutboxProgress(store));
    }

    /** The ledger told in sentences, with times in the desk's own time zone. */
    @Produces
    @Singleton
    HistorySentences historySentences() {
        return new HistorySentences();
    }

    @Produces
    @Singleton
    OrderStatusQuery orderStatusQuery(DataSource dataSource, HistorySentences sentences) {
        return new OrderStatusQuery(dataSource, sentences);
    }
}
