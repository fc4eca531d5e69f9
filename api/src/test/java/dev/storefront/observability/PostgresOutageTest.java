package dev.storefront.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storefront.support.Infrastructure;
import dev.storefront.support.SentryIngest;
import dev.storefront.support.SwitchableProxy;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL goes away under a running instance: reads it cannot serve are 503 problems, each
 * logged as one line without a stack trace, Sentry gets a sample rather than an event per
 * request, and the change-feed lag gauge shows the instance falling behind.
 */
class PostgresOutageTest {
  static SentryIngest ingest;
  static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static SwitchableProxy proxy;
  static TestApp t;

  @BeforeAll
  static void start() {
    ingest = SentryIngest.start();
    proxy = new SwitchableProxy(Infrastructure.databaseUrl());
    t = TestApp.start("pg_outage", Map.of("DATABASE_URL", proxy.urlOfTarget(), "DATABASE_TIMEOUT_MS", "1000",
        "SENTRY_DSN", ingest.dsn(1)));
    logs.start();
    root().addAppender(logs);
  }

  @AfterAll
  static void stop() throws Exception {
    root().detachAppender(logs);
    proxy.down(false);
    t.close();
    proxy.close();
    ingest.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static double lag() {
    return t.app.registry().get("catalog_sync_lag_seconds").gauge().value();
  }

  @Test
  void anOutageIsAnswered503LoggedInOneLineAndSampledForSentry() throws Exception {
    assertThat(t.get("/api/v1/products/1").statusCode()).isEqualTo(200);
    assertThat(lag()).as("in step with the change feed").isLessThan(1.0);

    proxy.down(true);
    List<String> requestIds = new ArrayList<>();
    for (int id = 100; id < 120; id++) {
      HttpResponse<Buffer> r = t.get("/api/v1/products/" + id);
      assertThat(r.statusCode()).as("product %d", id).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/service-unavailable");
      assertThat(r.getHeader("Retry-After")).as("when to come back").isEqualTo("5");
      requestIds.add(r.getHeader("X-Request-Id"));
    }
    Thread.sleep(1_500);
    assertThat(lag()).as("the lag gauge grows while the feed fails").isGreaterThan(1.5);
    assertThat(t.management("/health/ready").statusCode()).isEqualTo(503);

    assertThat(logs.list).as("nothing logs a stack trace during the outage")
        .allMatch(e -> e.getThrowableProxy() == null);
    List<ILoggingEvent> failures = logs.list.stream()
        .filter(e -> e.getLoggerName().endsWith("FailureHandler")).toList();
    assertThat(failures).hasSizeGreaterThanOrEqualTo(requestIds.size());
    LogstashEncoder json = new LogstashEncoder();
    json.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    json.start();
    for (ILoggingEvent event : failures) {
      assertThat(event.getThrowableProxy()).as("no stack trace: %s", event.getFormattedMessage()).isNull();
      String line = new String(json.encode(event), StandardCharsets.UTF_8);
      assertThat(line.indexOf('\n')).as("one line: %s", line).isEqualTo(line.length() - 1);
      assertThat(new JsonObject(line).getString("message")).contains("503");
    }

    long deadline = System.currentTimeMillis() + 5_000;
    while (sentryEventsFor(requestIds) == 0 && System.currentTimeMillis() < deadline) Thread.sleep(100);
    Thread.sleep(500);
    assertThat(sentryEventsFor(requestIds)).as("Sentry events for %d failed requests", requestIds.size())
        .isBetween(1L, 2L);

    proxy.down(false);
    deadline = System.currentTimeMillis() + 10_000;
    while (lag() >= 1.0 && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertThat(lag()).as("back in step").isLessThan(1.0);
    assertThat(t.get("/api/v1/products/100").statusCode()).isEqualTo(200);
  }

  @Test
  void jdkLoggingAndSystemLoggerRecordsComeOutThroughLogback() {
    java.util.logging.Logger.getLogger("test.jul").warning("from java.util.logging");
    System.getLogger("test.system").log(System.Logger.Level.WARNING, "from System.Logger");
    assertThat(logs.list).anyMatch(e -> e.getLoggerName().equals("test.jul")
        && e.getFormattedMessage().equals("from java.util.logging"));
    assertThat(logs.list).anyMatch(e -> e.getLoggerName().equals("test.system")
        && e.getFormattedMessage().equals("from System.Logger"));
  }

  private static long sentryEventsFor(List<String> requestIds) {
    return ingest.envelopes().stream().filter(e -> requestIds.stream().anyMatch(e::contains)).count();
  }
}
