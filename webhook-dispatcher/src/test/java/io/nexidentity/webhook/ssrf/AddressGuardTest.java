package io.nexidentity.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "0.0.0.0",
                "0.1.2.3",
                "100.64.0.1",
                "100.127.255.254",
                "198.18.0.1",
                "198.19.255.255",
                "240.0.0.1",
                "255.255.255.255",
                "224.0.0.1",
                "::1",
                "::",
                "fd00::1",
                "fe80::1",
                "ff02::1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::808:808",
                "64:ff9b:1::1",
                "::10.0.0.1",
                "::8.8.8.8",
                "::ffff:10.0.0.1",
                "::ffff:0:10.0.0.1",
                "::ffff:0:8.8.8.8",
                "2002:a00:1::1",
                "2002:a9fe:a9fe::",
                "2001:0:4136:e378:8000:63bf:f5ff:fffe",
                "2001:0:a00:1::1"
            })
    void internalWhenAddressIsInsideOrCarriesAnInternalIpv4ThenTrue(String address) throws UnknownHostException {
        assertThat(AddressGuard.internal(InetAddress.getByName(address)))
                .as(address)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.1",
                "198.17.255.255",
                "198.20.0.1",
                "203.0.113.7",
                "2606:4700:4700::1111",
                "2002:808:808::1",
                "2001:0:4136:e378:8000:63bf:f7f7:f7f7"
            })
    void internalWhenPublicThenFalse(String address) throws UnknownHostException {
        assertThat(AddressGuard.internal(InetAddress.getByName(address)))
                .as(address)
                .isFalse();
    }
}
