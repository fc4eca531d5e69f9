package dev.storefront.flags;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Flags from a file laid out as Kubernetes mounts a ConfigMap (the file is a symlink through
 * {@code ..data}, and an update swaps {@code ..data} atomically), served over HTTP.
 */
class FlagsApiTest {
  static final int RELOAD_MS = 200;
  static final AtomicInteger VERSION = new AtomicInteger();
  static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static Path dir;
  static TestApp t;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("storefront-flags");
    publish("{\"flags\": {\"liveStockBanner\": {\"enabled\": true}, \"pointsBadge\": {\"enabled\": false}}}");
    Files.createSymbolicLink(dir.resolve("flags.json"), Path.of("..data/flags.json"));
    logs.start();
    ((Logger) LoggerFactory.getLogger(FlagsSource.class)).addAppender(logs);
    t = TestApp.start("flags", Map.of("FLAGS_FILE", dir.resolve("flags.json").toString(),
        "FLAGS_RELOAD_MS", Integer.toString(RELOAD_MS)));
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(FlagsSource.class)).detachAppender(logs);
    t.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** What the kubelet does on a ConfigMap change: a new timestamped directory, then one atomic rename. */
  static void publish(String content) throws Exception {
    Path version = Files.createDirectory(dir.resolve("..2026_" + VERSION.incrementAndGet()));
    Files.writeString(version.resolve("flags.json"), content);
    Path link = dir.resolve("..data_tmp");
    Files.createSymbolicLink(link, version.getFileName());
    Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static HttpResponse<Buffer> flags(WebClient client, String visitor, String bearer) {
    var request = client.get("/api/v1/flags");
    if (visitor != null) request.putHeader("X-Visitor-Id", visitor);
    if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
    return Contract.checked(HttpMethod.GET, "/api/v1/flags", request.send().await());
  }

  static JsonObject flagsOf(String visitor) {
    HttpResponse<Buffer> r = flags(t.client, visitor, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("flags");
  }

  /** Polls until the served flags satisfy {@code wanted}; returns how long that took. */
  static long awaitFlags(Predicate<JsonObject> wanted) throws InterruptedException {
    long start = System.nanoTime();
    while (!wanted.test(flagsOf(null))) {
      assertThat(System.nanoTime() - start).as("flags not served within 5 s").isLessThan(5_000_000_000L);
      Thread.sleep(20);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  static double gauge(String name) {
    return t.app.registry().get(name).gauge().value();
  }

  static long warnings(String containing) {
    return logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .filter(e -> e.getFormattedMessage().contains(containing)).count();
  }

  @Test
  void aChangedFileIsServedWithinTheReloadPeriodAndAnInvalidOneKeepsTheLastGoodFlags() throws Exception {
    publish("{\"flags\": {\"liveStockBanner\": {\"enabled\": true}, \"pointsBadge\": {\"enabled\": true}}}");
    long tookMs = awaitFlags(f -> f.getBoolean("pointsBadge", false) && f.size() == 2);
    assertThat(tookMs).as("served within about one reload period").isLessThan(RELOAD_MS * 3L + 500);
    assertThat(gauge("flags_config_valid")).isEqualTo(1.0);
    double reloadedAt = gauge("flags_last_reload_timestamp_seconds");
    assertThat(reloadedAt).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(5.0));
    double failuresBefore = t.app.registry().get("flags_reload_failures").counter().count();

    publish("{\"flags\": {\"liveStockBanner\": {\"enabled\": false}, \"pointsBadge\": {\"enabled\": true, \"rollout\": 150}}}");
    long deadline = System.currentTimeMillis() + 5_000;
    while (gauge("flags_config_valid") != 0.0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(gauge("flags_config_valid")).as("the metric shows the bad file").isEqualTo(0.0);
    Thread.sleep(RELOAD_MS * 4L);
    assertThat(flagsOf("visitor-kept-1")).as("last good flags kept")
        .isEqualTo(new JsonObject().put("liveStockBanner", true).put("pointsBadge", true));
    assertThat(warnings("rollout must be 0-100, not 150")).as("one WARN line for this content, not one per poll")
        .isEqualTo(1);
    assertThat(t.app.registry().get("flags_reload_failures").counter().count()).isEqualTo(failuresBefore + 1);
    assertThat(t.freshMetrics()).contains("flags_config_valid 0.0").contains("flags_reload_failures_total")
        .contains("flags_last_reload_timestamp_seconds");

    publish("{\"flags\": {\"liveStockBanner\": {\"enabled\": false}, \"pointsBadge\": {\"enabled\": true}}}");
    awaitFlags(f -> !f.getBoolean("liveStockBanner", true));
    assertThat(gauge("flags_config_valid")).isEqualTo(1.0);
    assertThat(gauge("flags_last_reload_timestamp_seconds")).isGreaterThanOrEqualTo(reloadedAt);
  }

  @Test
  void rolloutsAreStickyPerVisitorAcrossCallsAndInstancesAndFollowTheDocumentedHash() throws Exception {
    publish("{\"flags\": {\"half\": {\"enabled\": true, \"rollout\": 50}, \"everyone\": {\"enabled\": true}}}");
    awaitFlags(f -> f.containsKey("half"));
    int on = 0;
    Map<String, Boolean> answers = new java.util.HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      String visitor = "visitor-" + i;
      boolean half = flagsOf(visitor).getBoolean("half");
      assertThat(half).as(visitor).isEqualTo(Rollout.bucket("half", "visitor:" + visitor) < 50);
      answers.put(visitor, half);
      if (half) on++;
    }
    assertThat(on).isBetween(400, 600);
    for (int i = 0; i < 50; i++) assertThat(flagsOf("visitor-" + i).getBoolean("half")).isEqualTo(answers.get("visitor-" + i));
    t.withSibling(Map.of("FLAGS_FILE", dir.resolve("flags.json").toString()), (other, client) -> {
      for (int i = 0; i < 50; i++) {
        JsonObject there = flags(client, "visitor-" + i, null).bodyAsJsonObject().getJsonObject("flags");
        assertThat(there.getBoolean("half")).as("sibling, visitor-" + i).isEqualTo(answers.get("visitor-" + i));
      }
    });
    assertThat(flagsOf(null)).as("no subject: only flags on for everyone")
        .isEqualTo(new JsonObject().put("half", false).put("everyone", true));
  }

  @Test
  void aSignedInUserIsTheSubjectAndABadTokenOrVisitorIdIsRefused() throws Exception {
    publish("{\"flags\": {\"userHalf\": {\"enabled\": true, \"rollout\": 50}}}");
    awaitFlags(f -> f.containsKey("userHalf"));
    String token = t.send(HttpMethod.POST, "/api/v1/auth/signup", new JsonObject().put("email", "flags@example.com")
        .put("password", "a sturdy passphrase").toBuffer(), (String) null).bodyAsJsonObject().getString("accessToken");
    long userId = t.client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await()
        .bodyAsJsonObject().getLong("id");
    boolean expected = Rollout.bucket("userHalf", "user:" + userId) < 50;
    HttpResponse<Buffer> signedIn = flags(t.client, "visitor-any-1", token);
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.getHeader("Cache-Control")).isEqualTo("private, no-store");
    assertThat(signedIn.bodyAsJsonObject().getJsonObject("flags").getBoolean("userHalf")).isEqualTo(expected);
    assertThat(flags(t.client, "visitor-any-2", token).bodyAsJsonObject().getJsonObject("flags").getBoolean("userHalf"))
        .as("the visitor id does not matter once signed in").isEqualTo(expected);

    HttpResponse<Buffer> badToken = flags(t.client, "visitor-any-1", token.substring(0, token.length() - 4) + "AAAA");
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(badToken.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
    HttpResponse<Buffer> otherScheme = Contract.checked(HttpMethod.GET, "/api/v1/flags",
        t.client.get("/api/v1/flags").putHeader("Authorization", "Basic Zm9vOmJhcg==").send().await());
    assertThat(otherScheme.statusCode()).isEqualTo(401);
    for (String bad : new String[] {"short", "x".repeat(65), "has space in it", "semi;colon1"}) {
      HttpResponse<Buffer> r = flags(t.client, bad, null);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("X-Visitor-Id");
    }
  }

  @Test
  void withoutAFileTheFlagsSettingDecidesElseTheDefaultsAndABadSettingStopsTheStart() {
    String json = "{\"flags\": {\"fromEnv\": {\"enabled\": true}, \"pointsBadge\": {\"enabled\": false}}}";
    t.withSibling(Map.of("FLAGS", json), (other, client) -> assertThat(flags(client, null, null).bodyAsJsonObject()
        .getJsonObject("flags")).isEqualTo(new JsonObject().put("fromEnv", true).put("pointsBadge", false)));
    t.withSibling(Map.of(), (other, client) -> assertThat(flags(client, null, null).bodyAsJsonObject()
        .getJsonObject("flags")).isEqualTo(new JsonObject().put("liveStockBanner", true).put("pointsBadge", true)));
    t.withSibling(Map.of("FLAGS", json, "FLAGS_FILE", dir.resolve("missing.json").toString()), (other, client) -> {
      assertThat(flags(client, null, null).bodyAsJsonObject().getJsonObject("flags").getBoolean("fromEnv"))
          .as("a missing file at start leaves FLAGS in force").isTrue();
      assertThat(other.registry().get("flags_config_valid").gauge().value()).isEqualTo(0.0);
    });
    Throwable refused = null;
    try {
      t.startSibling(Map.of("FLAGS", "{\"flags\": {\"x\": {\"enabled\": 1}}}")).close().await();
    } catch (Throwable e) {
      refused = e;
    }
    assertThat(refused).as("start refused").isNotNull();
    assertThat(refused.toString() + refused.getCause()).contains("FLAGS").contains("flags.x.enabled");
  }
}
