package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldPickFreePortForZeroAndKeepFreeFixedPort() {
        int port = FreePorts.resolve(0);

        assertThat(port).isPositive();
        assertThat(FreePorts.resolve(port)).isEqualTo(port);
    }

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(ports.add(FreePorts.pick())).isTrue();
        }
    }

    @Test
    void shouldRejectFixedPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> FreePorts.resolve(taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
    }
}
