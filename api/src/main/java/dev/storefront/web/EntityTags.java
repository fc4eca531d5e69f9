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
   * {@code W/"x"} matches {@code "x"}) or is {@code *}. One scan of the header, nothing allocated:
   * it runs on every revalidation. A comma may sit inside a quoted tag (RFC 9110 8.8.3), so members
   * are read tag by tag, not split at commas; a malformed member matches nothing and is skipped.
   * The tag is compared as it is held (no String made of it: a 304 touches as little memory as it can).
   */
  public static boolean anyMatches(String header, CharSequence tag) {
    if (tag == null) return false;
    // The common case: the client echoes the tag it was sent.
    if (header.length() == tag.length() && sameAt(header, 0, tag)) return true;
    int n = header.length();
    for (int i = skip(header, 0, true); i < n; i = skip(header, i, true)) {
      int end = -1;
      boolean match = false;
      if (header.charAt(i) == '*') {
        end = i + 1;
        match = true;
      } else {
        int open = header.startsWith("W/", i) ? i + 2 : i;
        int close = open < n && header.charAt(open) == '"' ? header.indexOf('"', open + 1) : -1;
        if (close > 0) {
          end = close + 1;
          match = end - open == tag.length() && sameAt(header, open, tag);
        }
      }
      int after = end < 0 ? -1 : skip(header, end, false);
      if (after == n || after >= 0 && header.charAt(after) == ',') {
        if (match) return true;
        i = after + 1;
      } else {
        int comma = header.indexOf(',', i);
        if (comma < 0) return false;
        i = comma + 1;
      }
    }
    return false;
  }

  /** Whether {@code header} holds {@code tag} at {@code from} (it has room for it). */
  private static boolean sameAt(String header, int from, CharSequence tag) {
    for (int i = 0; i < tag.length(); i++) {
      if (header.charAt(from + i) != tag.charAt(i)) return false;
    }
    return true;
  }

  /** The index of the first character from {@code from} that is not optional white space (nor a comma, when asked). */
  private static int skip(String s, int from, boolean commas) {
    for (; from < s.length(); from++) {
      char c = s.charAt(from);
      if (c != ' ' && c != '\t' && !(commas && c == ',')) break;
    }
    return from;
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
