package dev.storefront.http;

/**
 * RFC 9112 3.2: an HTTP/1.1 request carries exactly one Host, {@code uri-host [ ":" port ]}. The
 * check is a scan of the one value (no regex, no allocation) since every request, the cached
 * catalog reads included, passes it; a second Host line is counted while the headers are decoded
 * ({@link StrictFraming}).
 */
final class HostHeader {
  static final String REFUSED = "A request needs one Host header, host[:port] (HTTP/1.0 may leave it out).";

  private HostHeader() {}

  /** Whether {@code host} is {@code uri-host [":" port]}; an empty reg-name is allowed (RFC 3986 3.2.2). */
  static boolean valid(String host) {
    if (host == null) return false;
    int n = host.length();
    int i = 0;
    if (n > 0 && host.charAt(0) == '[') {
      int close = host.indexOf(']');
      if (close < 2) return false;
      for (i = 1; i < close; i++) if (!ipLiteral(host.charAt(i))) return false;
      i = close + 1;
    } else {
      while (i < n && host.charAt(i) != ':') {
        if (!regName(host.charAt(i))) return false;
        i++;
      }
    }
    if (i == n) return true;
    if (host.charAt(i) != ':') return false;
    for (int p = i + 1; p < n; p++) {
      char c = host.charAt(p);
      if (c < '0' || c > '9') return false;
    }
    return n - i - 1 <= 5;
  }

  /** unreserved, pct-encoded (the % and its hex digits) and sub-delims; IPv4 is a reg-name too. */
  private static boolean regName(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "-._~%!$&'()*+,;=".indexOf(c) >= 0;
  }

  /** IPv6 (hex, ':' and a dotted IPv4 tail) or IPvFuture ("v1.x"): reg-name characters and ':'. */
  private static boolean ipLiteral(char c) {
    return c == ':' || regName(c);
  }
}
