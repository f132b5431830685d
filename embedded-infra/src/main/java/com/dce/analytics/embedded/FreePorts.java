package com.dce.analytics.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port helpers: picks a free TCP port on loopback for servers that cannot bind port 0 themselves, and fails fast when a
 * fixed port is taken (otherwise e.g. a system PostgreSQL on 5432 could answer in place of the embedded one). A port is
 * handed out at most once per JVM: the kernel may offer a just-closed port again, and servers starting in parallel
 * would otherwise race for it before binding.
 */
final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** Returns a free port when {@code requested} is 0, else {@code requested} after checking it is free. */
    static int resolve(int requested) {
        if (requested == 0) {
            return pick();
        }
        try (ServerSocket socket = new ServerSocket(requested, 1, InetAddress.getLoopbackAddress())) {
            return requested;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + requested + " is already in use", e);
        }
    }

    static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port on loopback", e);
            }
        }
        throw new IllegalStateException("No free port on loopback that was not handed out before");
    }
}
