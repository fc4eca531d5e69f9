package dev.storefront.security;

import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.util.List;
import io.netty.util.NetUtil;

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy, in which case the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Every line of the
 * header counts, joined in order (a proxy may append its own line rather than extend the last), so a
 * client cannot hide the address a proxy appended behind a line of its own. From any other peer the
 * header is ignored, so rotating it gains an attacker nothing.
 */
public final class ClientIp {

  private record Cidr(BigInteger network, BigInteger mask, int bytes) {
    boolean contains(byte[] address) {
      return address.length == bytes && new BigInteger(1, address).and(mask).equals(network);
    }
  }

  private final List<Cidr> trusted;

  public ClientIp(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(ClientIp::cidr).toList();
  }

  public String of(HttpServerRequest request) {
    String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    List<String> lines = request.headers().getAll("X-Forwarded-For");
    return resolve(peer, lines.isEmpty() ? null : String.join(",", lines));
  }

  /** The client address given the TCP peer and the {@code X-Forwarded-For} lines joined by commas (may be null). */
  public String resolve(String peer, String header) {
    if (trusted.isEmpty() || !isTrusted(peer) || header == null) return peer;
    String[] hops = header.split(",");
    String client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (parse(hop) == null) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  }

  private boolean isTrusted(String ip) {
    byte[] address = parse(ip);
    return address != null && trusted.stream().anyMatch(c -> c.contains(address));
  }

  /** The address bytes of an IP literal, or null: strictly a literal, never a DNS lookup. */
  static byte[] parse(String ip) {
    return ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
  }

  /**
   * The key for per-address counters: the address itself for IPv4, its /64 for IPv6 (one
   * subscriber usually holds a whole /64, so counting single addresses would give them 2^64 budgets).
   */
  public static String bucket(String ip) {
    byte[] address = parse(ip);
    if (address == null || address.length == 4) return ip;
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) prefix.append(String.format("%02x%02x:", address[i], address[i + 1]));
    return prefix.append(":/64").toString();
  }

  private static Cidr cidr(String spec) {
    String[] parts = spec.split("/", -1);
    byte[] address = parse(parts[0]);
    if (address == null || parts.length > 2) throw new IllegalArgumentException("not an IP or CIDR: " + spec);
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length: " + spec);
    }
    if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("prefix length out of range: " + spec);
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    return new Cidr(new BigInteger(1, address).and(mask), mask, address.length);
  }
}
