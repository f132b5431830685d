package com.dce.analytics.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the platform's Flyway migrations (classpath {@code db/migration}). Every service that
 * touches the database runs it at start-up; it is idempotent, and Flyway's lock keeps two
 * services from migrating at once.
 */
public final class StoreMigrations {

    private StoreMigrations() {}

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
