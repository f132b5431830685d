package com.dce.analytics.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the local platform, each with a default that works on a fresh machine.
 *
 * @param dataDir where Kafka's log, PostgreSQL's data, aggregator state and generated secrets live
 * @param rate simulated exchange events per second (0: no simulated traffic)
 * @param fresh wipe the data directory first
 */
record LocalOptions(
        Path dataDir,
        double rate,
        boolean fresh,
        int kafkaPort,
        int postgresPort,
        int redisPort,
        int queryPort,
        int ingestPort,
        int aggregatorPort,
        int alertPort,
        int reportPort) {

    static final String USAGE = """
            usage: run-local [--rate=200] [--data-dir=.local-run] [--fresh] [--no-traffic]
                             [--kafka-port=19092] [--postgres-port=15432] [--redis-port=16379]
                             [--query-port=8080] [--ingest-port=8081] [--aggregator-port=8082]
                             [--alert-port=8083] [--report-port=8084]""";

    static LocalOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        LocalOptions options = new LocalOptions(
                Path.of(values.getOrDefault("data-dir", ".local-run")).toAbsolutePath(),
                values.containsKey("no-traffic") ? 0 : Double.parseDouble(values.getOrDefault("rate", "200")),
                values.containsKey("fresh"),
                port(values, "kafka-port", 19092),
                port(values, "postgres-port", 15432),
                port(values, "redis-port", 16379),
                port(values, "query-port", 8080),
                port(values, "ingest-port", 8081),
                port(values, "aggregator-port", 8082),
                port(values, "alert-port", 8083),
                port(values, "report-port", 8084));
        values.keySet()
                .removeAll(java.util.Set.of(
                        "data-dir",
                        "rate",
                        "fresh",
                        "no-traffic",
                        "kafka-port",
                        "postgres-port",
                        "redis-port",
                        "query-port",
                        "ingest-port",
                        "aggregator-port",
                        "alert-port",
                        "report-port"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        return options;
    }

    private static int port(Map<String, String> values, String name, int fallback) {
        return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
    }
}
