package dev.storefront.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storefront as a browser gets it: the shell on every page URL, hashed assets, caching, CSP, PWA files. */
class StorefrontTest {
  static final Pattern HASHED = Pattern.compile("/assets/[A-Za-z0-9.-]+\\.([0-9a-f]{16})\\.(?:js|css)");
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("storefront", Map.of("MEDIA_BASE_URL", "https://media.example.test/catalog"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> get(String uri, String... headers) {
    return Contract.checked(HttpMethod.GET, uri, raw(uri, headers));
  }

  /** Unchecked: the contract check reads bodies as sent, and a gzip body is not the JSON it encodes. */
  private static HttpResponse<Buffer> raw(String uri, String... headers) {
    var request = t.client.get(uri);
    for (int i = 0; i < headers.length; i += 2) request.putHeader(headers[i], headers[i + 1]);
    return request.send().await();
  }

  private static Set<String> hashedAssets(String text) {
    Set<String> urls = new LinkedHashSet<>();
    Matcher m = HASHED.matcher(text);
    while (m.find()) urls.add(m.group());
    return urls;
  }

  @Test
  void everyPageUrlAnswersWithTheSameShell() {
    HttpResponse<Buffer> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(home.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(home.bodyAsString()).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">")
        .contains("data-testid=\"stock-banner\"").containsPattern("<script type=\"module\" src=\"/assets/app\\.[0-9a-f]{16}\\.js\">");
    for (String page : new String[] {"/?q=lamp&category=3&sort=price_asc&page=2", "/products/5", "/products/999999",
        "/signup", "/signin", "/cart", "/checkout", "/orders", "/orders/42", "/profile"}) {
      HttpResponse<Buffer> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).as(page).isEqualTo(home.body());
      assertThat(r.getHeader("ETag")).as(page).isEqualTo(home.getHeader("ETag"));
    }
    assertThat(t.client.request(HttpMethod.HEAD, "/cart").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsStayProblemNotFound() {
    for (String uri : new String[] {"/nope", "/products", "/products/5/reviews", "/assets/app.0000000000000000.js",
        "/icons/icon-64.png", "/cart/"}) {
      HttpResponse<Buffer> r = get(uri);
      assertThat(r.statusCode()).as(uri).isEqualTo(404);
      assertThat(r.getHeader("Content-Type")).as(uri).isEqualTo("application/problem+json");
    }
  }

  @Test
  void assetsAreNamedByTheDigestOfTheirBytesAndCachedForAYear() throws Exception {
    Set<String> assets = hashedAssets(get("/").bodyAsString());
    assertThat(assets).hasSizeGreaterThan(10);
    Set<String> seen = new LinkedHashSet<>();
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(assets);
    while (!queue.isEmpty()) { // follow the module graph: imports name hashed modules too
      String url = queue.poll();
      if (!seen.add(url)) continue;
      HttpResponse<Buffer> r = get(url);
      assertThat(r.statusCode()).as(url).isEqualTo(200);
      assertThat(r.getHeader("Cache-Control")).as(url).isEqualTo("public, max-age=31536000, immutable");
      assertThat(r.getHeader("Content-Type")).as(url).startsWith(url.endsWith(".css") ? "text/css" : "text/javascript");
      String hash = url.substring(url.length() - (url.endsWith(".css") ? 20 : 19), url.lastIndexOf('.'));
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body().getBytes())))
          .as(url).startsWith(hash);
      String text = r.bodyAsString();
      assertThat(text).as(url).doesNotContainPattern("['\"]/assets/[A-Za-z0-9/_-]+\\.(js|css)['\"]");
      queue.addAll(hashedAssets(text));
    }
    assertThat(seen).anyMatch(u -> u.startsWith("/assets/pages-listing.")).anyMatch(u -> u.startsWith("/assets/inventoryStream."));
  }

  @Test
  void revalidationAnswers304AndGzipDecodesToTheSameBytes() throws Exception {
    String script = hashedAssets(get("/").bodyAsString()).stream().filter(u -> u.endsWith(".js")).findFirst().orElseThrow();
    for (String uri : new String[] {"/", "/products/7", "/sw.js", "/manifest.webmanifest", script}) {
      HttpResponse<Buffer> plain = get(uri);
      String etag = plain.getHeader("ETag");
      assertThat(etag).as(uri).matches("\"[0-9a-f]{32}\"");
      HttpResponse<Buffer> again = get(uri, "If-None-Match", etag);
      assertThat(again.statusCode()).as(uri).isEqualTo(304);
      assertThat(again.body()).isNull();
      HttpResponse<Buffer> zipped = raw(uri, "Accept-Encoding", "gzip, deflate, br");
      assertThat(zipped.getHeader("Content-Encoding")).as(uri).isEqualTo("gzip");
      assertThat(zipped.getHeader("Vary")).contains("Accept-Encoding");
      assertThat(zipped.getHeader("ETag")).as(uri).isNotEqualTo(etag);
      try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.body().getBytes()))) {
        assertThat(in.readAllBytes()).as(uri).isEqualTo(plain.body().getBytes());
      }
      assertThat(raw(uri, "If-None-Match", zipped.getHeader("ETag"), "Accept-Encoding", "gzip").statusCode()).isEqualTo(304);
      assertThat(raw(uri, "Accept-Encoding", "gzip;q=0, identity").getHeader("Content-Encoding")).isNull();
    }
  }

  @Test
  void theStorefrontHasItsOwnPolicyAndTheApiKeepsDenyAll() {
    String expected = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https://media.example.test; "
        + "connect-src 'self' https://media.example.test; manifest-src 'self'; worker-src 'self'; font-src 'self'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'";
    for (String uri : new String[] {"/", "/products/3", "/sw.js", "/offline.html", "/manifest.webmanifest"}) {
      assertThat(get(uri).getHeader("Content-Security-Policy")).as(uri).isEqualTo(expected);
    }
    assertThat(get("/api/v1/products/3").getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(get("/nope").getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void theManifestNamesRealPngIconsOfTheStatedSizes() {
    HttpResponse<Buffer> r = get("/manifest.webmanifest");
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/manifest+json");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
    JsonObject manifest = r.bodyAsJsonObject();
    JsonObject documented = Contract.get().raw.getJsonObject("paths").getJsonObject("/manifest.webmanifest")
        .getJsonObject("get").getJsonObject("responses").getJsonObject("200").getJsonObject("content")
        .getJsonObject("application/manifest+json").getJsonObject("examples").getJsonObject("storefront");
    assertThat(documented.getJsonObject("value")).as("the contract's example is the manifest served").isEqualTo(manifest);
    assertThat(manifest.getString("start_url")).isEqualTo("/");
    assertThat(manifest.getString("display")).isEqualTo("standalone");
    assertThat(manifest.getString("name")).isNotBlank();
    assertThat(manifest.getString("short_name")).isNotBlank();
    assertThat(manifest.getString("theme_color")).matches("#[0-9a-fA-F]{6}");
    assertThat(manifest.getString("background_color")).matches("#[0-9a-fA-F]{6}");
    Set<String> sizes = new LinkedHashSet<>();
    for (Object o : manifest.getJsonArray("icons")) {
      JsonObject icon = (JsonObject) o;
      HttpResponse<Buffer> png = get(icon.getString("src"));
      assertThat(png.statusCode()).isEqualTo(200);
      assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
      ByteBuffer bytes = ByteBuffer.wrap(png.body().getBytes());
      assertThat(bytes.getLong(0)).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
      assertThat(new String(png.body().getBytes(12, 16))).isEqualTo("IHDR");
      String actual = bytes.getInt(16) + "x" + bytes.getInt(20);
      assertThat(actual).as(icon.getString("src")).isEqualTo(icon.getString("sizes"));
      sizes.add(actual);
    }
    assertThat(sizes).contains("192x192", "512x512");
  }

  @Test
  void theServiceWorkerPrecachesOnlyFilesThatExistUnderAVersionedCache() {
    HttpResponse<Buffer> r = get("/sw.js");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
    String worker = r.bodyAsString();
    Matcher list = Pattern.compile("const PRECACHE = (\\[[^\\]]*\\]);").matcher(worker);
    assertThat(list.find()).as("precache list").isTrue();
    JsonArray precache = new JsonArray(list.group(1));
    assertThat(precache.getList()).contains("/", "/offline.html", "/manifest.webmanifest", "/icons/icon-192.png",
        "/icons/icon-512.png").containsAll(hashedAssets(get("/").bodyAsString()).stream()
            .filter(u -> !u.startsWith("/assets/vendor-")).toList());
    for (Object url : precache) assertThat(get((String) url).statusCode()).as((String) url).isEqualTo(200);
    Matcher quoted = Pattern.compile("['\"](/(?:assets|icons)/[^'\"]+)['\"]").matcher(worker);
    while (quoted.find()) assertThat(get(quoted.group(1)).statusCode()).as(quoted.group(1)).isEqualTo(200);
    assertThat(worker).containsPattern("const VERSION = \"[0-9a-f]{16}\";").contains("sf-shell-${VERSION}");
  }
}
