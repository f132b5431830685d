package com.dce.analytics.alert.support;

import com.dce.analytics.embedded.EmbeddedPostgresServer;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.StoreMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own (migrated) for a test class, on the JVM's shared PostgreSQL server: alert state is
 * global to a database (every evaluator sees every alert), so classes must not share one.
 */
public final class TestDatabase {

    private final String url;

    private TestDatabase(String url) {
        this.url = url;
    }

    public static TestDatabase create(String name) {
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        try (Connection c = pg.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        TestDatabase db = new TestDatabase("jdbc:postgresql://localhost:" + pg.port() + "/" + name);
        StoreMigrations.migrate(db.dataSource());
        return db;
    }

    public String url() {
        return url;
    }

    public String username() {
        return SharedInfrastructure.postgres().username();
    }

    public String password() {
        return SharedInfrastructure.postgres().password();
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(username());
        ds.setPassword(password());
        return ds;
    }
}
