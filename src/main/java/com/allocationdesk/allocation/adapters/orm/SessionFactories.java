package com.allocationdesk.allocation.adapters.orm;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import javax.sql.DataSource;

/** Boots Hibernate natively over our data source and the XML mapping; no persistence.xml. */
public final class SessionFactories {
    static final String MAPPING = "META-INF/orm.xml";

    private SessionFactories() {
    }

    /**
     * A session factory for a schema Flyway has already migrated. Hibernate only validates the
     * schema, takes connections from {@code dataSource} (never its own pool), logs no SQL, and
     * batches statements, so a command costs few round trips besides its one durable commit.
     */
    public static SessionFactory build(DataSource dataSource) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.SHOW_SQL, false)
                // HSQLDB warns "no data" whenever a version check matches no row: a conflict we retry, not news
                .applySetting(AvailableSettings.LOG_JDBC_WARNINGS, false)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                // Instants (a waiting line's "since") live in TIMESTAMP WITH TIME ZONE columns
                .applySetting(AvailableSettings.PREFERRED_INSTANT_JDBC_TYPE, "TIMESTAMP_WITH_TIMEZONE")
                .build();
        try {
            return new MetadataSources(registry).addResource(MAPPING).buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
