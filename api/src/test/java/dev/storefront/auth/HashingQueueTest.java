package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Past PASSWORD_HASHING_QUEUE a sign-up is refused at once with a 503 and Retry-After, quietly:
 * a flood of sign-ups must not become a log line (and an error report) per refused request.
 */
class HashingQueueTest {
  private static final int BURST = 12;
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("hashqueue", Map.of("PASSWORD_HASHING_QUEUE", "1"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static Future<HttpResponse<Buffer>> signUp(String email) {
    return t.client.post("/api/v1/auth/signup").putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("email", email).put("password", "queue-Test-4471-passphrase").toBuffer());
  }

  @Test
  void signUpsPastTheQueueAreRefusedAtOnceAndQuietly() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logged);
    List<HttpResponse<Buffer>> answers;
    try {
      List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) burst.add(signUp("burst-" + i + "@queue.example"));
      Future.join(burst).await();
      answers = burst.stream().map(Future::result).toList();
    } finally {
      root.detachAppender(logged);
    }

    List<HttpResponse<Buffer>> refused = answers.stream().filter(r -> r.statusCode() == 503).toList();
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 503).contains(201);
    assertThat(refused).as("one hash at a time: a burst of %d is refused in part", BURST).isNotEmpty();
    for (HttpResponse<Buffer> r : refused) {
      assertThat(r.getHeader("Retry-After")).isEqualTo("1");
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("retry");
    }
    assertThat(logged.list).as("no line per refused sign-up")
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();

    assertThat(signUp("after-the-burst@queue.example").await().statusCode()).as("the queue drained").isEqualTo(201);
  }
}
