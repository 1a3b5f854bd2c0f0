package io.nexidentity.token.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8ParametersTest {

    @Test
    void malformedWhenEveryParameterIsUtf8ThenNone() {
        assertThat(Utf8Parameters.malformed("client_id=nxc-1&nonce=%C3%A9t%C3%A9+ok&state=a%20b&flag"))
                .isEmpty();
    }

    @Test
    void malformedWhenBytesAreNotUtf8OrEncodingIsBrokenOrNulThenThoseParameters() {
        assertThat(Utf8Parameters.malformed("client_id=nxc-1&nonce=%FF%FE&state=%C3&x=%2&y=%zz&z=%00"))
                .containsExactly("nonce", "state", "x", "y", "z");
        assertThat(Utf8Parameters.malformed("%FF=1")).containsExactly(Utf8Parameters.UNNAMED);
        assertThat(Utf8Parameters.malformed("a=\u00e9")).containsExactly("a");
    }
}
