package dev.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import dev.storefront.support.Infrastructure;
import dev.storefront.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The real {@code serve} command in a child process, stopped with SIGTERM while requests flow.
 * The clients behave like a load balancer: they send continuously until a moment after readiness
 * first fails (the balancer's reaction time, well inside the drain). Every request must get a
 * complete non-5xx answer, a slow request in flight when the listener stops must finish, new
 * connections must then be refused, and the process must exit 0. Its stdout is the production log:
 * every line must be JSON.
 */
class GracefulShutdownTest {
  private static final int DRAIN_SECONDS = 2;
  private static final long BALANCER_REACTION_MS = 1_000;
  private static final int CLIENTS = 4;

  record Outcome(long atMs, int status, Throwable failure) {}

  @Test
  void sigtermDrainsThenFinishesInFlightRequestsAndExitsZero() throws Exception {
    int port = Infrastructure.freePort();
    int managementPort = Infrastructure.freePort();
    Map<String, String> env = TestApp.environment("graceful", Map.of(
        "HTTP_PORT", Integer.toString(port), "MANAGEMENT_PORT", Integer.toString(managementPort),
        "HTTP_INSTANCES", "2", "SHUTDOWN_DRAIN_SECONDS", Integer.toString(DRAIN_SECONDS),
        "SHUTDOWN_GRACE_SECONDS", "15", "ACCESS_LOG", "true"));
    AppConfig config = AppConfig.from(env);
    dev.storefront.db.Migrations.migrate(config);
    new CatalogSeeder(config).seed(TestApp.PRODUCTS);

    Path log = Files.createTempFile("graceful-shutdown", ".log");
    Process process = start(env, log);
    Vertx vertx = Vertx.vertx();
    WebClient api = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    WebClient management = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(managementPort));
    try {
      awaitReady(management, process);
      AtomicLong stopSendingAt = new AtomicLong(Long.MAX_VALUE);
      List<Outcome> outcomes = new CopyOnWriteArrayList<>();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) clients.add(new Thread(() -> load(api, outcomes, stopSendingAt), "client-" + i));
      clients.forEach(Thread::start);
      Thread.sleep(500);

      long sigterm = System.currentTimeMillis();
      process.destroy();
      CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> slowLogin(port));
      // Readiness from its first 503 (the JVM hands the signal over asynchronously) to the drain's end.
      List<Integer> readiness = new ArrayList<>();
      while (System.currentTimeMillis() - sigterm < DRAIN_SECONDS * 1000L - 200) {
        int status = management.get("/health/ready").send().await().statusCode();
        if (status == 503 && stopSendingAt.get() == Long.MAX_VALUE) {
          stopSendingAt.set(System.currentTimeMillis() + BALANCER_REACTION_MS);
        }
        if (stopSendingAt.get() != Long.MAX_VALUE) readiness.add(status);
        Thread.sleep(50);
      }

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
      for (Thread client : clients) client.join(10_000);
      List<String> stdout = Files.readAllLines(log);
      assertThat(process.exitValue()).as("exit code").isZero();
      assertThat(readiness).as("readiness during the drain").isNotEmpty().containsOnly(503);

      long listenerStopped = timeOf(stdout, "HTTP listeners stop");
      assertThat(slow.get(5, TimeUnit.SECONDS)).as("the slow request in flight finished after the listener stopped")
          .isGreaterThan(listenerStopped);
      assertThat(outcomes.stream().filter(o -> o.atMs() > sigterm + 300)).as("served after SIGTERM").isNotEmpty();
      List<String> failed = outcomes.stream().filter(o -> o.failure() != null || o.status() >= 500)
          .map(o -> "+" + (o.atMs() - sigterm) + " ms: " + (o.failure() == null ? o.status() : o.failure())).toList();
      assertThat(failed).as("requests without a complete non-5xx answer").isEmpty();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("new connections are refused")
          .isInstanceOf(ConnectException.class);

      for (String line : stdout) assertThat(isJson(line)).as("stdout line is JSON: %s", line).isTrue();
      assertThat(stdout).anyMatch(l -> l.contains("Vert.x closes"));
      // Each part stops before what it uses closes: no warning or error on the way down.
      assertThat(stdout.subList(indexOf(stdout, "readiness reports 503"), stdout.size()))
          .as("lines logged while stopping").noneMatch(l -> l.contains("\"level\":\"WARN\"") || l.contains("\"level\":\"ERROR\""));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
      vertx.close().await();
      dropSchema(config);
    }
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
    throw new AssertionError("no line contains " + text);
  }

  private static Process start(Map<String, String> env, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Dlogback.configurationFile=logback.xml",
        "-cp", System.getProperty("java.class.path"), "dev.storefront.Main", "serve", "--no-migrate");
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitReady(WebClient management, Process process) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try {
        if (management.get("/health/ready").send().await().statusCode() == 200) return;
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the child never became ready");
  }

  /** GETs back to back until the balancer would have stopped sending. */
  private static void load(WebClient api, List<Outcome> outcomes, AtomicLong stopSendingAt) {
    while (System.currentTimeMillis() < stopSendingAt.get()) {
      String uri = "/api/v1/products/" + (1 + ThreadLocalRandom.current().nextInt(TestApp.PRODUCTS));
      try {
        int status = api.get(uri).send().await().statusCode();
        outcomes.add(new Outcome(System.currentTimeMillis(), status, null));
      } catch (Exception e) {
        outcomes.add(new Outcome(System.currentTimeMillis(), 0, e));
      }
    }
  }

  /**
   * A sign-in whose body trickles in over three seconds, so it is in flight when the listener
   * stops; the time its refusal (401) arrived.
   */
  private static long slowLogin(int port) {
    try {
      Thread.sleep(DRAIN_SECONDS * 1000L - 1_000);
      byte[] body = "{\"email\":\"nobody@storefront.test\",\"password\":\"not the password\"}".getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte b : body) {
          out.write(b);
          out.flush();
          Thread.sleep(3_000 / body.length);
        }
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("HTTP/1.1 401");
        return System.currentTimeMillis();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long timeOf(List<String> log, String message) {
    String line = log.stream().filter(l -> l.contains(message)).findFirst()
        .orElseThrow(() -> new AssertionError("no log line with " + message));
    return Instant.parse(new JsonObject(line).getString("@timestamp")).toEpochMilli();
  }

  private static boolean isJson(String line) {
    try {
      new JsonObject(line);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void dropSchema(AppConfig config) throws Exception {
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + config.databaseSchema() + " CASCADE");
    }
  }
}
