package com.dce.analytics.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The command line of {@link SimulatorMain}, parsed and checked. */
record MainOptions(
        URI url,
        String apiKey,
        double rate,
        Duration duration,
        int batchSize,
        int concurrency,
        BodyFormat format,
        long seed,
        TrafficShape shape,
        boolean degradation,
        Duration backfill) {

    static final String USAGE = """
            Usage: java -jar traffic-simulator-exec.jar [options]
              --url <base url>           ingest-service base URL (default http://localhost:8080)
              --api-key <key>            X-API-Key header (default: env CEA_API_KEY)
              --rate <events/s>          target events per second (default 1000)
              --duration <d>             how long to send, e.g. 90s, 5m, 1h, PT10M (default 60s)
              --batch-size <n>           events per request (default 500)
              --concurrency <n>          requests in flight (default 4)
              --format json|ndjson       request body format (default json)
              --seed <n>                 simulation seed (default 42)
              --shape flat|daily         constant rate, or the US business-hours curve (default flat)
              --degradation on|off       hourly degradation episode of the bid engine (default off)
              --backfill <d>             instead of real time: send the history of the last <d>
                                         as fast as possible, e.g. 7d, then exit
            """;

    static MainOptions parse(String[] args, Map<String, String> env) {
        URI url = URI.create("http://localhost:8080");
        String apiKey = env.getOrDefault("CEA_API_KEY", "");
        double rate = 1000;
        Duration duration = Duration.ofSeconds(60);
        int batchSize = 500;
        int concurrency = 4;
        BodyFormat format = BodyFormat.JSON;
        long seed = 42;
        TrafficShape shape = TrafficShape.FLAT;
        boolean degradation = false;
        Duration backfill = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> url = URI.create(value);
                case "--api-key" -> apiKey = value;
                case "--rate" -> rate = Double.parseDouble(value);
                case "--duration" -> duration = duration(value);
                case "--batch-size" -> batchSize = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--format" -> format = BodyFormat.valueOf(value.toUpperCase(Locale.ROOT));
                case "--seed" -> seed = Long.parseLong(value);
                case "--shape" -> shape = TrafficShape.valueOf(value.toUpperCase(Locale.ROOT));
                case "--degradation" -> degradation = onOff(value);
                case "--backfill" -> backfill = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (rate <= 0 || batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--rate, --batch-size and --concurrency must be positive");
        }
        return new MainOptions(
                url, apiKey, rate, duration, batchSize, concurrency, format, seed, shape, degradation, backfill);
    }

    SimulatorSettings simulatorSettings() {
        return SimulatorSettings.defaults()
                .withSeed(seed)
                .withEventsPerSecond(rate)
                .withShape(shape)
                .withDegradation(degradation ? Degradation.defaults() : Degradation.off());
    }

    DriverSettings driverSettings() {
        return DriverSettings.defaults(url, apiKey).withFormat(format).withBatching(batchSize, concurrency);
    }

    /** 90s, 5m, 2h, 7d, a plain number of seconds, or ISO-8601 (PT5M, P7D). */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return value.contains("t") ? Duration.parse(value) : Duration.parse(value.replace("d", "dt0s"));
        }
        char unit = value.charAt(value.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown duration unit in " + text);
        };
    }

    private static boolean onOff(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("expected on or off, got " + value);
        };
    }
}
