package dev.storefront.web;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/** The two request headers a cached read is answered by: {@code If-None-Match} and {@code Accept-Encoding}. */
public final class EntityTags {
  private EntityTags() {}

  /**
   * A list-valued request header with all its lines joined in order (RFC 9110 5.3: a recipient
   * may combine them with commas, and proxies do split lists over lines), or null when absent.
   */
  public static String list(MultiMap headers, CharSequence name) {
    // Most requests lack one of the two: a lookup, without the list getAll makes.
    if (!headers.contains(name)) return null;
    List<String> lines = headers.getAll(name);
    return switch (lines.size()) {
      case 0 -> null;
      case 1 -> lines.get(0);
      default -> String.join(", ", lines);
    };
  }

  /**
   * The strong tag of the gzip encoding of the representation tagged {@code etag}: {@code "x-gz"}
   * for {@code "x"}. A strong tag names exact bytes (RFC 9110 8.8.3), so the encodings differ.
   */
  public static String ofGzip(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  /**
   * Whether an {@code If-None-Match} list names {@code etag} (RFC 9110 13.1.2: weak comparison, so
   * {@code W/"x"} matches {@code "x"}) or is {@code *}.
   */
  public static boolean anyMatches(String header, CharSequence etag) {
    if (etag == null) return false;
    String tag = etag.toString();
    if (header.equals(tag)) return true; // the common case: the client echoes the tag it was sent
    for (String candidate : header.split(",")) {
      String t = candidate.trim();
      if (t.equals("*")) return true;
      if (t.startsWith("W/")) t = t.substring(2);
      if (t.equals(tag)) return true;
    }
    return false;
  }

  /** Whether {@code Accept-Encoding} allows gzip: named (or {@code *}) with a non-zero q. */
  public static boolean acceptsGzip(String header) {
    if (header == null || header.isEmpty()) return false;
    if (header.equals("gzip") || header.startsWith("gzip, ")) return true; // what clients send, no q
    boolean wildcard = false;
    for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
      int semi = part.indexOf(';');
      String coding = (semi < 0 ? part : part.substring(0, semi)).trim();
      boolean allowed = semi < 0 || qualityAboveZero(part.substring(semi + 1));
      if (coding.equals("gzip") || coding.equals("x-gzip")) return allowed;
      if (coding.equals("*")) wildcard = allowed;
    }
    return wildcard;
  }

  private static boolean qualityAboveZero(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim()) > 0;
        } catch (NumberFormatException e) {
          return false; // a malformed weight is not consent
        }
      }
    }
    return true;
  }
}
