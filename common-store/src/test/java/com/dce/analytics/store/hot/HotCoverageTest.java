package com.dce.analytics.store.hot;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.store.hot.HotCoverage.Marker;
import com.dce.analytics.store.hot.HotCoverage.ServerState;
import org.junit.jupiter.api.Test;

class HotCoverageTest {

    // shaped as INFO answers: "# Section" header, CRLF line ends, "name:value" lines
    private static final String SERVER = "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n"
            + "run_id:5b7e1c0f2a0d6b3e9f1a2c4d6e8f0a1b2c3d4e5f\r\ntcp_port:6379\r\n";
    private static final String STATS = "# Stats\r\ntotal_connections_received:12\r\nexpired_keys:40\r\n"
            + "evicted_keys:7\r\nkeyspace_hits:100\r\n";

    @Test
    void shouldReadTheRunIdAndTheEvictedKeysFromInfo() {
        ServerState state = HotCoverage.parseServerState(SERVER, STATS);

        assertThat(state.runId()).isEqualTo("5b7e1c0f2a0d6b3e9f1a2c4d6e8f0a1b2c3d4e5f");
        assertThat(state.evictedKeys()).isEqualTo(7);
    }

    @Test
    void shouldVouchOnlyForTheSameServerWithNothingEvictedSince() {
        Marker marker = new Marker(1_000, "abc", 7);

        assertThat(HotCoverage.stale(marker, new ServerState("abc", 7))).isFalse();
        assertThat(HotCoverage.stale(marker, new ServerState("abc", 8)))
                .as("keys evicted")
                .isTrue();
        assertThat(HotCoverage.stale(marker, new ServerState("def", 7)))
                .as("another server: restarted or failed over")
                .isTrue();
    }

    @Test
    void shouldRoundTripTheMarkerAndRefuseGarbage() {
        Marker marker = new Marker(1_764_700_000_000L, "abc", 3);

        assertThat(Marker.parse(marker.encode())).contains(marker);
        assertThat(Marker.parse(null)).isEmpty();
        assertThat(Marker.parse("not a marker")).isEmpty();
        assertThat(Marker.parse("x abc 3")).isEmpty();
    }
}
