package com.dce.analytics.ingest.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. The limit is checked as the bytes arrive (and against a
 * declared Content-Length before reading at all), so an oversized body is refused without ever
 * being held in memory beyond the limit.
 */
final class BoundedBody {

    private static final int CHUNK = 64 * 1024;

    private BoundedBody() {}

    static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw IngestProblems.bodyTooLarge(maxBytes);
        }
        int initial = (int) Math.min(maxBytes, declaredLength > 0 ? declaredLength : CHUNK);
        ByteArrayOutputStream body = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw IngestProblems.bodyTooLarge(maxBytes);
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }
}
