package com.dce.analytics.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a currently free TCP port on the loopback interface (for servers that cannot bind port 0 themselves). */
final class FreePorts {

    private FreePorts() {}

    /** Returns {@code requested} unless it is 0, in which case a free port is chosen. */
    static int resolve(int requested) {
        return requested != 0 ? requested : pick();
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }
}
