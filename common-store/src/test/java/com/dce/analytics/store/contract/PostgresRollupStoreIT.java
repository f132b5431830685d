package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract on plain PostgreSQL (no TimescaleDB): the history tier as it runs here. */
class PostgresRollupStoreIT extends RollupStoreContract {

    private static PGSimpleDataSource dataSource;
    private static PostgresRollupStore store;

    @BeforeAll
    static void connect() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl() + "?reWriteBatchedInserts=true");
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
        store = new PostgresRollupStore(dataSource);
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
        new JdbcTemplate(dataSource).execute("TRUNCATE metric_rollups");
    }

    @Test
    void shouldReportPlainPostgresAsTheStorageFlavour() {
        String flavour = new JdbcTemplate(dataSource)
                .queryForObject("SELECT value FROM storage_features WHERE name = 'timescaledb'", String.class);
        assertThat(flavour).isEqualTo("absent");
    }

    @Test
    void shouldNeverReopenAClosedWindowWithAStalePartial() {
        MetricPoint closed = closed(point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(9)));
        store.write(List.of(closed));
        store.write(List.of(point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(4))));

        assertThat(total(CALLS)).isEqualTo(9);
        assertThat(reader().read(query(CALLS, List.of("buyer_id"), Map.of(), List.of()))
                        .getFirst()
                        .closed())
                .isTrue();
    }
}
