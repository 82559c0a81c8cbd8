package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.orm.HibernateUnitsOfWork;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.WaitingQuery;

import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Starts and stops the application: a Weld SE container over the beans of {@link AppProducers}
 * and those of the packages an entry point names ({@link Builder#beansOf}: the window its
 * controllers and view models, the command line the imports), in
 * {@code bean-discovery-mode="annotated"} over those packages only, configured by an
 * {@link AppConfig} passed in through a portable extension. {@link #close()} shuts Weld down,
 * which disposes the database (HSQLDB {@code SHUTDOWN}, lock released).
 * <p>
 * Start-up is eager where it matters: the message bus (and with it the database) is built in
 * {@link #start}, so a locked or unreadable database fails there, as {@link DatabaseUnavailable}.
 * <p>
 * When the write side starts, the bootstrap runs the recovery sweep once ({@link WaitingLinesSweep}:
 * lines an older version left waiting beside free stock are placed): in {@link #start} itself,
 * before the caller's first command, when the config {@link AppConfig#writesAtOnce() writes at
 * once} (the CLI's writing commands); on a background thread from {@link #prepareForWrites()} (the
 * window, after the first data is shown). A run that only reads never sweeps, so it never starts
 * Hibernate.
 */
public final class Bootstrap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final WeldContainer container;
    private final AppConfig config;
    /** The recovery sweep, once started; {@link #close()} waits for it. */
    private CompletableFuture<Void> sweep;

    private Bootstrap(WeldContainer container, AppConfig config) {
        this.container = container;
        this.config = config;
    }

    /** The application's core beans only: the store, the bus, the queries. */
    public static Bootstrap start(AppConfig config) {
        return builder(config).start();
    }

    /** For tests and tools that swap beans (a fake unit of work, a fixed clock...). */
    public static Builder builder(AppConfig config) {
        return new Builder(config);
    }

    /** The one bean of this type (a query, the bus, the broadcaster, a controller...). */
    public <T> T get(Class<T> type) {
        return container.select(type).get();
    }

    /**
     * Starts the write side in the background now, when the application was started
     * {@link AppConfig#readingFirst() reading first} and the first data is on screen.
     */
    public void prepareForWrites() {
        get(HibernateUnitsOfWork.class).bootInBackground();
        sweepOnce(true);
    }

    /** Starts the recovery sweep unless it ran already: on a thread of its own, or in the caller's. */
    private synchronized void sweepOnce(boolean inBackground) {
        if (sweep != null || !container.isRunning()) {
            return;
        }
        WaitingQuery waiting = get(WaitingQuery.class);
        MessageBus bus = get(MessageBus.class);
        Runnable run = () -> WaitingLinesSweep.run(waiting, bus);
        if (inBackground) {
            sweep = CompletableFuture.runAsync(run, task -> {
                Thread thread = new Thread(task, "desk-startup-sweep");
                thread.setDaemon(true);
                thread.start();
            });
        } else {
            run.run();
            sweep = CompletableFuture.completedFuture(null);
        }
    }

    public Path databasePath() {
        return config.databasePath();
    }

    public AppConfig config() {
        return config;
    }

    /** Shuts the container down and, through the disposer, the database. Calling it again does nothing. */
    @Override
    public void close() {
        CompletableFuture<Void> running;
        synchronized (this) {
            running = sweep;
        }
        if (running != null) {
            running.join();
        }
        if (container.isRunning()) {
            long started = System.nanoTime();
            container.shutdown();
            log.debug("Container stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    public static final class Builder {
        private final AppConfig config;
        private final Map<Class<?>, Object> overrides = new LinkedHashMap<>();
        private final Map<Class<?>, Object> supplied = new LinkedHashMap<>();
        private final Set<Class<?>> beanPackages = new LinkedHashSet<>();

        private Builder(AppConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Uses {@code instance} wherever a {@code type} is injected, instead of the produced one. */
        public <T> Builder override(Class<T> type, T instance) {
            overrides.put(type, Objects.requireNonNull(instance, "instance"));
            return this;
        }

        /**
         * Puts a value the entry point made at start-up into the container as the bean of
         * {@code type} (the window: its command-line options, the desktop it runs on), the way the
         * {@link AppConfig} is; {@link #override} still wins over it.
         */
        public <T> Builder supply(Class<T> type, T instance) {
            supplied.put(type, Objects.requireNonNull(instance, "instance"));
            return this;
        }

        /**
         * Also finds the beans in the packages of these classes and below. An entry point names its
         * own: bootstrap must not depend on entry points (they depend on it), and scanning named
         * packages instead of the class path keeps start-up fast when the libraries are shaded into
         * one jar (Weld would inspect every class there).
         */
        public Builder beansOf(Class<?>... packageMarkers) {
            beanPackages.addAll(List.of(packageMarkers));
            return this;
        }

        public Bootstrap start() {
            long started = System.nanoTime();
            Weld weld = new Weld("allocation-desk-" + UUID.randomUUID())
                    .disableDiscovery()
                    .setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
                    .addPackages(true, Bootstrap.class)
                    .skipShutdownHook()
                    .addExtension(new ConfigExtension(config, supplied, overrides));
            beanPackages.forEach(marker -> weld.addPackages(true, marker));
            WeldContainer container = weld.initialize();
            Bootstrap bootstrap = new Bootstrap(container, config);
            try {
                bootstrap.get(MessageBus.class);
                if (config.writesAtOnce()) {
                    bootstrap.sweepOnce(false);
                }
            } catch (RuntimeException e) {
                bootstrap.close();
                throw unwrap(e);
            }
            log.info("Started on {} in {} ms", config.storeName(), (System.nanoTime() - started) / 1_000_000);
            return bootstrap;
        }

        /** Weld may wrap what a producer threw; the planner's message is in the cause. */
        private static RuntimeException unwrap(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DatabaseUnavailable unavailable) {
                    return unavailable;
                }
            }
            return e;
        }
    }
}
