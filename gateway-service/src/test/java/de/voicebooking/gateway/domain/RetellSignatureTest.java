package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Vectors from retell.md §1.1 (made with retell-sdk 5.66.1 and checked with openssl). */
class RetellSignatureTest {
    static final String KEY = "key_test_not_a_real_key";
    static final long V = 1714608491736L;
    static final byte[] BODY = "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_test_123\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheReferenceVectors() {
        assertThat(RetellSignature.verify(BODY, "v=1714608491736,d=393b81e91031bc97b9d171f156ecd85bed74d58f7a64055ae4176ad692163f79", KEY, V)).isTrue();
        assertThat(RetellSignature.verify(new byte[0], "v=1714608491736,d=9998f8cd5913d705c877a5e91a5d4e509d3d1b2323fd0d448866e13152b0e1c1", KEY, V)).isTrue();
        assertThat(RetellSignature.sign(BODY, KEY, V)).isEqualTo("v=1714608491736,d=393b81e91031bc97b9d171f156ecd85bed74d58f7a64055ae4176ad692163f79");
    }

    @Test
    void rejectsForgedTamperedAndStaleSignatures() {
        String good = RetellSignature.sign(BODY, KEY, V);
        assertThat(RetellSignature.verify(BODY, good, "another_key", V)).isFalse();
        assertThat(RetellSignature.verify("{\"event\":\"call_started\"}".getBytes(), good, KEY, V)).isFalse();
        assertThat(RetellSignature.verify(BODY, good, KEY, V + 300_000)).isTrue();
        assertThat(RetellSignature.verify(BODY, good, KEY, V + 300_001)).isFalse();
        assertThat(RetellSignature.verify(BODY, good, KEY, V - 300_001)).isFalse();
        assertThat(RetellSignature.verify(BODY, "393b81e91031bc97b9d171f156ecd85bed74d58f7a64055ae4176ad692163f79", KEY, V)).isFalse();
        assertThat(RetellSignature.verify(BODY, null, KEY, V)).isFalse();
    }
}
