package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The application over a fresh store of one kind, for the read side's tests: on the file as the
 * desk starts ({@code dir/desk}); on the PostgreSQL test server with that store's units of work
 * ({@link Stores#unitsOfWork}) and connections put in place of the file's.
 */
public final class AppOnStore implements AutoCloseable {
    private final Bootstrap app;
    /** The server store this class opened, closed after the application; null on the file. */
    private final Store server;

    private AppOnStore(Bootstrap app, Store server) {
        this.app = app;
        this.server = server;
    }

    public static AppOnStore start(StoreKind kind, Path dir) {
        AppConfig config = new AppConfig(dir.resolve("desk"));
        if (kind == StoreKind.HSQLDB) {
            return new AppOnStore(Bootstrap.start(config), null);
        }
        Store store = kind.fresh(dir, "desk");
        try {
            return new AppOnStore(Bootstrap.builder(config)
                    .override(UnitOfWork.Factory.class, Stores.unitsOfWork(store))
                    .override(DataSource.class, store.dataSource())
                    .start(), store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Bootstrap app() {
        return app;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
