package io.nexidentity.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final List<Cidr> PROXIES = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));

    @Test
    void ofWhenNoTrustedProxiesThenThePeerWhateverTheHeadersSay() {
        var address = ClientAddress.of("203.0.113.9", headers("X-Forwarded-For", "198.51.100.1"), List.of());

        assertThat(address.text()).isEqualTo("203.0.113.9");
    }

    @Test
    void ofWhenPeerIsNotATrustedProxyThenItsForwardedHeaderIsIgnored() {
        var address = ClientAddress.of("203.0.113.9", headers("X-Forwarded-For", "198.51.100.1"), PROXIES);

        assertThat(address.text()).isEqualTo("203.0.113.9");
    }

    @Test
    void ofWhenClientPrependsAddressesThenTheOneTheTrustedProxySawCounts() {
        var address = ClientAddress.of(
                "10.0.0.5", headers("X-Forwarded-For", "1.2.3.4, 5.6.7.8, 198.51.100.7, 10.1.1.1"), PROXIES);

        assertThat(address.text()).isEqualTo("198.51.100.7");
    }

    @Test
    void ofWhenForwardedHeaderThenItsForParameterWithPortAndBrackets() {
        var address = ClientAddress.of(
                "10.0.0.5",
                headers("Forwarded", "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\""),
                PROXIES);

        assertThat(address.text()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
    }

    @Test
    void ofWhenForwardedEntryIsNotAnAddressThenTheLastTrustedHopCountsAndNothingIsResolved() {
        var address = ClientAddress.of("10.0.0.5", headers("X-Forwarded-For", "attacker.example, unknown"), PROXIES);

        assertThat(address.text()).isEqualTo("10.0.0.5");
    }

    @Test
    void throttleKeyWhenIpv6ThenItsSlash64AndWhenIpv4TheAddress() {
        var one = ClientAddress.of("2001:db8:1:2:aaaa::1", MultiMap.caseInsensitiveMultiMap(), List.of());
        var sameBlock = ClientAddress.of("2001:db8:1:2:ffff::9", MultiMap.caseInsensitiveMultiMap(), List.of());
        var otherBlock = ClientAddress.of("2001:db8:1:3::1", MultiMap.caseInsensitiveMultiMap(), List.of());

        assertThat(one.throttleKey()).isEqualTo(sameBlock.throttleKey()).isEqualTo("address:20010db800010002::/64");
        assertThat(otherBlock.throttleKey()).isNotEqualTo(one.throttleKey());
        assertThat(ClientAddress.of("198.51.100.7", MultiMap.caseInsensitiveMultiMap(), List.of())
                        .throttleKey())
                .isEqualTo("address:198.51.100.7");
    }

    private static MultiMap headers(String name, String value) {
        return MultiMap.caseInsensitiveMultiMap().add(name, value);
    }
}
