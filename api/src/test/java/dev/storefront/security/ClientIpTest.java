package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpTest {
  private final ClientIp behindProxies = new ClientIp(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
    assertThat(behindProxies.resolve("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
    assertThat(new ClientIp(List.of()).resolve("127.0.0.1", "1.2.3.4")).isEqualTo("127.0.0.1");
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
    assertThat(behindProxies.resolve("10.1.2.3", "198.51.100.7")).isEqualTo("198.51.100.7");
    // a client can prepend anything; only what the trusted proxies appended counts
    assertThat(behindProxies.resolve("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.1")).isEqualTo("198.51.100.7");
    assertThat(behindProxies.resolve("fd00::1", "2001:db8::5")).isEqualTo("2001:db8::5");
  }

  @Test
  void onlyStrictLiteralsCountAndNamesAreNeverLookedUp() {
    assertThat(ClientIp.parse("cafe")).isNull();
    assertThat(ClientIp.parse("dead.beef")).isNull();
    assertThat(ClientIp.parse("1.2.3")).isNull();
    assertThat(ClientIp.parse("localhost")).isNull();
    assertThat(behindProxies.resolve("10.1.2.3", "cafe")).isEqualTo("10.1.2.3");
  }

  @Test
  void ipv6ClientsAreCountedByTheirSlash64() {
    assertThat(ClientIp.bucket("2001:db8:1:2:aaaa::1")).isEqualTo(ClientIp.bucket("2001:db8:1:2:ffff::9"))
        .isNotEqualTo(ClientIp.bucket("2001:db8:1:3::1"));
    assertThat(ClientIp.bucket("198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void prefixLengthsOutOfRangeAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClientIp(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClientIp(List.of("fd00::/129")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ClientIp(List.of("10.0.0.0/32")).resolve("10.0.0.1", "1.2.3.4")).isEqualTo("10.0.0.1");
  }

  @Test
  void garbageInTheHeaderIsNeverResolvedOrBelieved() {
    assertThat(behindProxies.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
    assertThat(behindProxies.resolve("10.1.2.3", "unknown, 10.9.9.9")).isEqualTo("10.9.9.9");
    assertThat(behindProxies.resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
  }
}
