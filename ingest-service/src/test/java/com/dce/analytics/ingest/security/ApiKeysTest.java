package com.dce.analytics.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.ingest.system.IngestProperties.ApiKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void shouldHashKeysAsLowerCaseHexSha256() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldAuthenticateConfiguredKeysByTheirHashOnly() {
        // given
        ApiKeys keys = new ApiKeys(List.of(
                new ApiKey("simulator", ApiKeys.sha256Hex("key-one")),
                new ApiKey("collector", ApiKeys.sha256Hex("key-two").toUpperCase())));

        // then
        assertThat(keys.authenticate("key-one")).isEqualTo(Optional.of("simulator"));
        assertThat(keys.authenticate("key-two")).isEqualTo(Optional.of("collector"));
        assertThat(keys.authenticate("key-three")).isEmpty();
        assertThat(keys.authenticate(ApiKeys.sha256Hex("key-one"))).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void shouldRefuseConfigurationThatIsNotAHash() {
        assertThatThrownBy(() -> new ApiKeys(List.of(new ApiKey("oops", "my-secret-key"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new ApiKeys(List.of(new ApiKey(" ", ApiKeys.sha256Hex("k")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
