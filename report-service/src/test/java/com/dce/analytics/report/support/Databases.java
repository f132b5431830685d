package com.dce.analytics.report.support;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.StoreMigrations;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared test PostgreSQL (embedded-infra), migrated. */
public final class Databases {

    private Databases() {}

    public static synchronized DataSource migrated() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(SharedInfrastructure.postgres().jdbcUrl());
        ds.setUser(SharedInfrastructure.postgres().username());
        ds.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(ds);
        return ds;
    }
}
