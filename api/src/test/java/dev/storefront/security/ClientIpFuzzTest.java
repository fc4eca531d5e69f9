package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/** Client address resolution never fails and never returns anything but the peer or a real hop. */
class ClientIpFuzzTest {
  private static final ClientIp TRUSTING = new ClientIp(List.of("10.0.0.0/8", "fd00::/8", "127.0.0.1"));

  @FuzzTest(maxDuration = "5s")
  void resolveReturnsThePeerOrAnAddressLiteralFromTheHeader(byte[] input) {
    String header = latin1(input);
    for (String peer : new String[] {"10.1.2.3", "127.0.0.1", "203.0.113.9", "fd00::1", "2001:db8::1"}) {
      resolvesToPeerOrHop(peer, header);
      resolvesToPeerOrHop(peer, null);
    }
  }

  /** Header values arrive one byte per char. */
  private static String latin1(byte[] input) {
    return new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static void resolvesToPeerOrHop(String peer, String header) {
    String client = TRUSTING.resolve(peer, header);
    if (!client.equals(peer)) {
      assertThat(header).isNotNull();
      assertThat(Arrays.stream(header.split(",")).map(String::trim)).contains(client);
      assertThat(ClientIp.parse(client)).isNotNull();
    }
    assertThat(new ClientIp(List.of()).resolve(peer, header)).as("no trusted proxies: the peer").isEqualTo(peer);
  }

  @FuzzTest(maxDuration = "5s")
  void bucketsAreTheIpv4AddressOrAnIpv6Slash64(byte[] input) {
    String ip = latin1(input);
    String bucket = ClientIp.bucket(ip);
    byte[] address = ClientIp.parse(ip);
    if (address != null && address.length == 16) {
      assertThat(bucket).matches("([0-9a-f]{4}:){4}:/64");
    } else {
      assertThat(bucket).isEqualTo(ip);
    }
  }

  @FuzzTest(maxDuration = "5s")
  void trustedProxySpecsAreAcceptedOrRefusedWithAnIllegalArgument(byte[] input) {
    String spec = latin1(input);
    try {
      ClientIp ip = new ClientIp(List.of(spec));
      assertThat(ClientIp.parse(spec.split("/", -1)[0])).isNotNull();
      ip.resolve("192.0.2.1", "198.51.100.7");
    } catch (IllegalArgumentException expected) {
      // refused at start-up, which is the point
    }
  }
}
