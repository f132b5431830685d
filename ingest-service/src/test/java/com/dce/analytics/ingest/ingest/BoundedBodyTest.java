package com.dce.analytics.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class BoundedBodyTest {

    @Test
    void shouldReadBodyUpToTheLimit() throws Exception {
        byte[] body = new byte[200_000];

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 200_000))
                .hasSize(200_000);
    }

    @Test
    void shouldRefuseDeclaredLengthOverTheLimitWithoutReading() {
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        assertThatThrownBy(() -> BoundedBody.read(neverRead, 2_000, 1_024))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void shouldStopReadingOnceAnUndeclaredBodyPassesTheLimit() {
        // given an endless body of unknown length
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served[0] += len;
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };

        // when / then
        assertThatThrownBy(() -> BoundedBody.read(endless, -1, 100_000))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getProperties()).containsEntry("max_bytes", 100_000L));
        assertThat(served[0]).isLessThan(100_000 + 64 * 1024 + 1);
    }
}
