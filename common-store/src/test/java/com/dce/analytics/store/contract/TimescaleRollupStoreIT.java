package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import com.dce.analytics.store.raw.RawEventStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The contract on TimescaleDB (the production history tier): the same migrations turn the tables
 * into hypertables with compression and retention, and the same queries give the same answers.
 * Needs a Docker engine; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class TimescaleRollupStoreIT extends RollupStoreContract {

    @Container
    private static final PostgreSQLContainer TIMESCALE = new PostgreSQLContainer(
            DockerImageName.parse("timescale/timescaledb:2.22.1-pg17").asCompatibleSubstituteFor("postgres"));

    private static JdbcTemplate jdbc;
    private static PostgresRollupStore store;

    @BeforeAll
    static void connect() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TIMESCALE.getJdbcUrl());
        ds.setUser(TIMESCALE.getUsername());
        ds.setPassword(TIMESCALE.getPassword());
        StoreMigrations.migrate(ds);
        jdbc = new JdbcTemplate(ds);
        store = new PostgresRollupStore(ds);
    }

    @Override
    protected RollupWriter writer() {
        return store;
    }

    @Override
    protected RollupReader reader() {
        return store;
    }

    @Override
    protected void reset() {
        jdbc.execute("TRUNCATE metric_rollups");
    }

    @Test
    void shouldMakeHypertablesWithCompressionAndRetention() {
        assertThat(jdbc.queryForObject("SELECT value FROM storage_features WHERE name = 'timescaledb'", String.class))
                .isEqualTo("enabled");
        List<String> hypertables = jdbc.queryForList(
                "SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1", String.class);
        assertThat(hypertables).contains("events", "metric_rollups");
        List<String> jobs = jdbc.queryForList(
                "SELECT proc_name || ':' || hypertable_name FROM timescaledb_information.jobs"
                        + " WHERE hypertable_name IS NOT NULL ORDER BY 1",
                String.class);
        assertThat(jobs)
                .contains("policy_compression:metric_rollups", "policy_compression:events", "policy_retention:events");
    }

    @Test
    void shouldKeepTheArchiveRetentionPolicyAtTheConfiguredDays() {
        RawEventStore raw = new RawEventStore(jdbc.getDataSource());
        assertThat(raw.usesPartitions()).isFalse();

        raw.maintainPartitions(LocalDate.now(ZoneOffset.UTC), 3, 12);

        assertThat(jdbc.queryForList(
                        "SELECT config->>'drop_after' FROM timescaledb_information.jobs"
                                + " WHERE proc_name = 'policy_retention' AND hypertable_name = 'events'",
                        String.class))
                .containsExactly("12 days");
    }
}
