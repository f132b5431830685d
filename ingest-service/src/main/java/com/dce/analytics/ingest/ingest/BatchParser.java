package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Splits a request body into events without binding them: each item becomes a JSON tree (so that
 * the validator can point at the exact field that is wrong) plus the item's raw text. A JSON
 * document that is not well-formed spoils the whole request (400); in NDJSON each line stands
 * alone, so a malformed line is refused by itself and its neighbours still count.
 */
final class BatchParser {

    // items are read from inside the array, and what follows a value is checked here, not by the reader
    private final ObjectReader reader = EventJson.mapper()
            .reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // an integer beyond long is valid JSON: the validator refuses it at its path (422), not the parser
            .without(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.defaults();
    private final int maxEvents;

    BatchParser(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** One event: the body must be exactly one JSON value. */
    RawItem single(byte[] body) {
        try (JsonParser parser = reader.createParser(body)) {
            if (parser.nextToken() == null) {
                throw IngestProblems.emptyBody();
            }
            JsonNode node = readTree(parser);
            requireEnd(parser);
            return RawItem.parsed(0, null, "$", node, new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    /** A JSON array of events; items keep their exact raw text. */
    List<RawItem> jsonArray(byte[] body) {
        List<RawItem> items = new ArrayList<>();
        try (JsonParser parser = reader.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw IngestProblems.emptyBody();
            }
            if (first != JsonToken.START_ARRAY) {
                throw IngestProblems.notABatch();
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (items.size() == maxEvents) {
                    throw IngestProblems.tooManyEvents(maxEvents);
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = readTree(parser);
                int end = (int) parser.currentLocation().getByteOffset();
                String raw = new String(body, start, end - start, StandardCharsets.UTF_8).strip();
                int index = items.size();
                items.add(RawItem.parsed(index, null, "$[" + index + "]", node, raw));
            }
            requireEnd(parser);
        } catch (JacksonException e) {
            throw malformed(e);
        }
        if (items.isEmpty()) {
            throw IngestProblems.emptyBody();
        }
        return items;
    }

    /** Newline-delimited JSON: one event per line, blank lines ignored, each line parsed on its own. */
    List<RawItem> ndjson(byte[] body) {
        List<RawItem> items = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '\n', start);
            lineNumber++;
            int contentEnd = end;
            if (contentEnd > start && body[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (!isBlank(body, start, contentEnd)) {
                if (items.size() == maxEvents) {
                    throw IngestProblems.tooManyEvents(maxEvents);
                }
                items.add(line(body, start, contentEnd, items.size(), lineNumber));
            }
            start = end + 1;
        }
        if (items.isEmpty()) {
            throw IngestProblems.emptyBody();
        }
        return items;
    }

    private RawItem line(byte[] body, int start, int end, int index, int lineNumber) {
        String path = "$[" + index + "]";
        String raw = new String(body, start, end - start, StandardCharsets.UTF_8);
        try (JsonParser parser = reader.createParser(body, start, end - start)) {
            parser.nextToken();
            JsonNode node = readTree(parser);
            requireEnd(parser);
            return RawItem.parsed(index, lineNumber, path, node, raw);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            return RawItem.malformed(
                    index,
                    lineNumber,
                    path,
                    raw,
                    "line " + lineNumber + ", column " + column + ": not well-formed JSON: " + reason(e));
        }
    }

    private JsonNode readTree(JsonParser parser) {
        try {
            return reader.readTree(parser);
        } catch (NumberFormatException e) {
            // an exponent beyond what BigDecimal holds (1e-2147483648): not a number anyone can store
            throw new UnreadableNumberException(parser.currentLocation());
        }
    }

    private static void requireEnd(JsonParser parser) {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            TokenStreamLocation at = parser.currentTokenLocation();
            throw new TrailingContentException(at);
        }
    }

    private static RuntimeException malformed(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return IngestProblems.malformedJson(line, column, reason(e));
    }

    /** A reason written for the caller: the parser's own words, without its class and setting names. */
    static String reason(JacksonException e) {
        if (e instanceof TrailingContentException) {
            return "unexpected content after the end of the JSON value";
        }
        if (e instanceof UnreadableNumberException) {
            return "a number's exponent is out of range";
        }
        if (e instanceof StreamConstraintsException) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Number")) {
                return "a number is longer than " + LIMITS.getMaxNumberLength() + " characters";
            }
            if (message.startsWith("String")) {
                return "a string is longer than the request size allows";
            }
            if (message.startsWith("Name")) {
                return "a field name is longer than " + LIMITS.getMaxNameLength() + " characters";
            }
            if (message.contains("nesting depth")) {
                return "the JSON is nested deeper than " + LIMITS.getMaxNestingDepth() + " levels";
            }
            return "the JSON exceeds the parser's size limits";
        }
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "the JSON could not be read";
        }
        // drop the parser's pointers to its own API ("from `StreamReadConstraints...`", "`java.lang.Long`")
        String cleaned = message.replaceAll("\\s*\\((?:from|for) `[^`]*`\\)", "")
                .replaceAll("`[A-Za-z_$][\\w$]*(?:\\.[\\w$<>, \\[\\]]+)+`", "the value")
                .replaceAll("\\s+at \\[Source:.*", "")
                .strip();
        int newline = cleaned.indexOf('\n');
        return newline < 0 ? cleaned : cleaned.substring(0, newline).strip();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** More JSON after the one value the body may hold. */
    private static final class TrailingContentException extends JacksonException {
        TrailingContentException(TokenStreamLocation location) {
            super("unexpected content after the end of the JSON value", location, null);
        }
    }

    /** A number whose exponent no decimal type holds. */
    private static final class UnreadableNumberException extends JacksonException {
        UnreadableNumberException(TokenStreamLocation location) {
            super("a number's exponent is out of range", location, null);
        }
    }
}
