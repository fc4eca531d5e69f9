package dev.storefront.http;

import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy, in which case the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. From any other peer
 * the header is ignored, so rotating it gains an attacker nothing.
 */
public final class ClientIp {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}");

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
    return resolve(peer, request.getHeader("X-Forwarded-For"));
  }

  /** The client address given the TCP peer and the {@code X-Forwarded-For} header (may be null). */
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

  /** The address bytes of an IP literal, or null: never a DNS lookup. */
  static byte[] parse(String ip) {
    if (ip == null || !IP_LITERAL.matcher(ip).matches()) return null;
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Cidr cidr(String spec) {
    String[] parts = spec.split("/");
    byte[] address = parse(parts[0]);
    if (address == null) throw new IllegalArgumentException("not an IP: " + spec);
    int bits = address.length * 8;
    int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    return new Cidr(new BigInteger(1, address).and(mask), mask, address.length);
  }
}
