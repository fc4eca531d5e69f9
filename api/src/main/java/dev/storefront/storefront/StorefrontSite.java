package dev.storefront.storefront;

import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storefront as served: the shell every page URL answers with, the hashed scripts and styles,
 * the service worker (told which files to precache and under which cache version), the manifest,
 * the icons and the offline page. Built once at start from the files under {@code storefront/}.
 */
public final class StorefrontSite {
  static final String PRELOADS = "<!--modulepreload-->";
  static final String PRECACHE = "self.__PRECACHE__";
  static final String VERSION = "self.__VERSION__";
  private static final String HTML = "text/html; charset=utf-8";

  private final StaticFile shell;
  private final Map<String, StaticFile> files;
  private final String version;

  private StorefrontSite(StaticFile shell, Map<String, StaticFile> files, String version) {
    this.shell = shell;
    this.files = files;
    this.version = version;
  }

  public static Future<StorefrontSite> load(Vertx vertx) {
    return vertx.executeBlocking(() -> build(StorefrontFiles.read()), false);
  }

  /** {@code sources}: path under storefront/ to bytes. Fails on a reference to an asset that does not exist. */
  static StorefrontSite build(Map<String, byte[]> sources) {
    Map<String, byte[]> assetSources = new TreeMap<>();
    sources.forEach((path, bytes) -> {
      if (path.startsWith("assets/") && (path.endsWith(".js") || path.endsWith(".css"))) {
        assetSources.put(path.substring("assets/".length()), bytes);
      }
    });
    AssetHasher.Hashed hashed = AssetHasher.hash(assetSources);
    Map<String, StaticFile> files = new HashMap<>();
    List<String> precache = new ArrayList<>(List.of("/", "/offline.html", "/manifest.webmanifest"));
    StringBuilder preloads = new StringBuilder();
    hashed.files().forEach((url, bytes) -> {
      boolean script = url.endsWith(".js");
      files.put(url, StaticFile.of(bytes, script ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
          Responses.IMMUTABLE));
      // The error reporter is a classic script loaded only when reporting is configured.
      if (url.startsWith("/assets/vendor-")) return;
      precache.add(url);
      if (script) preloads.append("<link rel=\"modulepreload\" href=\"").append(url).append("\">\n  ");
    });
    sources.forEach((path, bytes) -> {
      if (path.startsWith("icons/") && path.endsWith(".png")) {
        files.put("/" + path, StaticFile.of(bytes, "image/png", StaticFile.ONE_DAY));
        precache.add("/" + path);
      }
    });
    String shellText = text(rewritten(sources, "index.html", hashed)).replace(PRELOADS, preloads.toString().strip());
    byte[] shellBytes = shellText.getBytes(StandardCharsets.UTF_8);
    byte[] offline = rewritten(sources, "offline.html", hashed);
    byte[] manifest = rewritten(sources, "manifest.webmanifest", hashed);
    String version = AssetHasher.digest((shellText + text(offline) + text(manifest) + precache)
        .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    String worker = text(rewritten(sources, "sw.js", hashed))
        .replace(PRECACHE, new JsonArray(precache).encode())
        .replace(VERSION, "\"" + version + "\"");
    files.put("/offline.html", StaticFile.of(offline, HTML, StaticFile.REVALIDATE));
    files.put("/manifest.webmanifest", StaticFile.of(manifest, "application/manifest+json", StaticFile.REVALIDATE));
    files.put("/sw.js", StaticFile.of(worker.getBytes(StandardCharsets.UTF_8), "text/javascript; charset=utf-8",
        StaticFile.REVALIDATE));
    return new StorefrontSite(StaticFile.of(shellBytes, HTML, StaticFile.REVALIDATE), Map.copyOf(files), version);
  }

  private static byte[] rewritten(Map<String, byte[]> sources, String path, AssetHasher.Hashed hashed) {
    byte[] bytes = sources.get(path);
    if (bytes == null) throw new IllegalStateException("storefront file missing: " + path);
    return AssetHasher.rewrite(bytes, ref -> {
      String url = hashed.urls().get(ref);
      if (url == null) throw new IllegalStateException(path + " names an asset that does not exist: /assets/" + ref);
      return url;
    });
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  StaticFile shell() {
    return shell;
  }

  /** The file at this URL path ({@code /sw.js}, {@code /assets/app.<hash>.js}), or null. */
  StaticFile file(String path) {
    return files.get(path);
  }

  /** Digest of everything the service worker precaches: its cache name. */
  public String version() {
    return version;
  }
}
