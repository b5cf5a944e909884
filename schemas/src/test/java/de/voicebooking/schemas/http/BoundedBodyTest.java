package de.voicebooking.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    @Test
    void aBodyUpToTheLimitIsReadWholeAndALargerOneNotBeyondIt() throws Exception {
        assertThat(BoundedBody.read(new ByteArrayInputStream("{\"a\":1}".getBytes()), 7)).hasValueSatisfying(b -> assertThat(b).hasSize(7));
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 7)).hasValueSatisfying(b -> assertThat(b).isEmpty());
        int[] served = {0};
        InputStream endless = new InputStream() { // a body that never ends
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }
        };
        assertThat(BoundedBody.read(endless, 1000)).isEmpty();
        assertThat(served[0]).as("read no further than one byte past the limit").isEqualTo(1001);
    }
}
