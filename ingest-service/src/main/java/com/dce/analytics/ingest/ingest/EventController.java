package com.dce.analytics.ingest.ingest;

import com.dce.analytics.ingest.security.ApiKeys;
import com.dce.analytics.ingest.system.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PublishEvent} and {@code PublishBatch} over HTTP. Bodies are read raw (bounded while they
 * stream in) and parsed item by item, never bound to objects, so each problem is reported at its
 * exact JSON path and one bad event cannot spoil the others.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final EventIngestor ingestor;
    private final BatchParser parser;
    private final long maxBodyBytes;

    EventController(EventIngestor ingestor, BatchParser parser, IngestLimits limits) {
        this.ingestor = ingestor;
        this.parser = parser;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    /** One event as a JSON object: 201 once Kafka acknowledged it, 422 if invalid, 503 if Kafka is down. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> publish(HttpServletRequest request) throws IOException {
        RawItem item = parser.single(body(request));
        return IngestAnswers.single(ingest(List.of(item), request));
    }

    /** A JSON array of events, or NDJSON (one event per line): answered item by item (200, 207, 422, 503). */
    @PostMapping(
            path = "/batch",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE})
    ResponseEntity<Object> publishBatch(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        boolean ndjson =
                MediaType.APPLICATION_NDJSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()));
        List<RawItem> items = ndjson ? parser.ndjson(body) : parser.jsonArray(body);
        return IngestAnswers.batch(ingest(items, request));
    }

    private IngestOutcome ingest(List<RawItem> items, HttpServletRequest request) {
        Object client = request.getAttribute(ApiKeys.CLIENT_ATTRIBUTE);
        String source = "ingest-service/" + (client == null ? "unknown" : client);
        return ingestor.ingest(items, RequestIds.of(request), source);
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    }
}
