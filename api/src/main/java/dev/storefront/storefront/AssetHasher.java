package dev.storefront.storefront;

import dev.storefront.web.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every script and style sheet a name that carries the digest of its bytes, so it can be
 * cached for a year: {@code /assets/pages/listing.js} becomes {@code /assets/pages-listing.<hash>.js}.
 * Sources name each other by their plain path ({@code import ... from '/assets/api.js'}); those
 * references are rewritten to the hashed names first and the digest is taken of the rewritten
 * bytes, so a change in a module also renames every module that imports it.
 */
final class AssetHasher {
  static final Pattern REFERENCE = Pattern.compile("/assets/([A-Za-z0-9_./-]+\\.(?:js|css))");
  private static final int HASH_HEX_CHARS = 16;

  /** Plain path under assets/ to its hashed URL, and hashed URL to the bytes served there. */
  record Hashed(Map<String, String> urls, Map<String, byte[]> files) {}

  private final Map<String, byte[]> sources;
  private final Map<String, String> urls = new HashMap<>();
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Set<String> visiting = new HashSet<>();

  private AssetHasher(Map<String, byte[]> sources) {
    this.sources = sources;
  }

  /** {@code sources}: path under assets/ (such as {@code pages/listing.js}) to its bytes. */
  static Hashed hash(Map<String, byte[]> sources) {
    AssetHasher hasher = new AssetHasher(sources);
    sources.keySet().stream().sorted().forEach(hasher::resolve);
    return new Hashed(Map.copyOf(hasher.urls), hasher.files);
  }

  private String resolve(String path) {
    String done = urls.get(path);
    if (done != null) return done;
    byte[] source = sources.get(path);
    if (source == null) throw new IllegalStateException("no such asset: /assets/" + path);
    if (!visiting.add(path)) throw new IllegalStateException("assets import each other in a cycle: " + path);
    byte[] bytes = rewrite(source, this::resolve);
    visiting.remove(path);
    String url = "/assets/" + hashedName(path, bytes);
    urls.put(path, url);
    files.put(url, bytes);
    return url;
  }

  /** Replaces every {@code /assets/<path>} reference in a text file by what {@code urlOf} gives. */
  static byte[] rewrite(byte[] text, java.util.function.Function<String, String> urlOf) {
    String s = new String(text, StandardCharsets.UTF_8);
    Matcher m = REFERENCE.matcher(s);
    if (!m.find()) return text;
    StringBuilder out = new StringBuilder(s.length() + 64);
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(urlOf.apply(m.group(1))));
    } while (m.find());
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code pages/listing.js} with these bytes -> {@code pages-listing.<16 hex digits of SHA-256>.js}. */
  static String hashedName(String path, byte[] bytes) {
    int dot = path.lastIndexOf('.');
    return path.substring(0, dot).replace('/', '-') + "." + digest(bytes).substring(0, HASH_HEX_CHARS)
        + path.substring(dot);
  }

  static String digest(byte[] bytes) {
    return Bytes.sha256Hex(bytes);
  }
}
