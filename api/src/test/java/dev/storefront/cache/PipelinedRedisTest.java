package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands share a few long-lived connections instead of holding one each: a burst far larger
 * than the connection count all answers, over those connections only, and a connection the
 * server drops is replaced.
 */
class PipelinedRedisTest {
  private static final int CONNECTIONS = 2;
  private static final int BURST = 3_000;
  static Vertx vertx;
  static Redis admin;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    admin = Redis.createClient(vertx, Infrastructure.redisUrl());
  }

  @AfterAll
  static void stop() {
    admin.close();
    vertx.close().await();
  }

  /** A pool this small would hold 2 commands in flight and queue at most 16 more. */
  private static PipelinedRedis client() {
    return new PipelinedRedis(vertx, new RedisOptions().setConnectionString(Infrastructure.redisUrl())
        .setMaxPoolSize(CONNECTIONS).setMaxPoolWaiting(16).setMaxWaitingHandlers(BURST * 2), CONNECTIONS, 1_000);
  }

  @Test
  void aBurstMuchLargerThanThePoolAllAnswersOverItsFewConnections() {
    PipelinedRedis redis = client();
    try {
      String key = "t_pipelined_" + System.nanoTime();
      redis.send(Request.cmd(Command.SET).arg(key).arg("v").arg("PX").arg(60_000)).await();
      List<Future<Response>> burst = new ArrayList<>();
      Set<Long> connectionIds = new HashSet<>();
      for (int i = 0; i < BURST; i++) burst.add(redis.send(Request.cmd(Command.GET).arg(key)));
      List<Future<Response>> ids = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS * 4; i++) ids.add(redis.send(Request.cmd(Command.CLIENT).arg("ID")));
      Future.all(burst).timeout(10, TimeUnit.SECONDS).await();
      for (Future<Response> f : burst) assertThat(f.result().toString()).isEqualTo("v");
      Future.all(ids).await();
      for (Future<Response> f : ids) connectionIds.add(f.result().toLong());
      assertThat(connectionIds).as("commands spread over the fixed connections").hasSize(CONNECTIONS);
    } finally {
      redis.close().await();
    }
  }

  @Test
  void aConnectionTheServerClosesIsReplaced() throws Exception {
    PipelinedRedis redis = client();
    try {
      Set<Long> before = new HashSet<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        before.add(redis.send(Request.cmd(Command.CLIENT).arg("ID")).await().toLong());
      }
      for (long id : before) admin.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(id)).await();

      Set<Long> after = new HashSet<>();
      long deadline = System.currentTimeMillis() + 5_000;
      while (after.size() < CONNECTIONS && System.currentTimeMillis() < deadline) {
        // A command that meets a dead connection before its close is noticed may fail once.
        Response id = redis.send(Request.cmd(Command.CLIENT).arg("ID")).otherwise((Response) null).await();
        if (id != null) after.add(id.toLong());
        Thread.sleep(20);
      }
      assertThat(after).as("new connections").hasSize(CONNECTIONS).doesNotContainAnyElementsOf(before);
      assertThat(redis.send(Request.cmd(Command.PING)).await().toString()).isEqualTo("PONG");
    } finally {
      redis.close().await();
    }
  }

  @Test
  void aConnectionThatGoesSilentIsReplacedOnceItsCommandsStall() throws Exception {
    try (dev.storefront.support.SwitchableProxy proxy = new dev.storefront.support.SwitchableProxy(Infrastructure.redisUrl())) {
      PipelinedRedis redis = new PipelinedRedis(vertx, new RedisOptions().setConnectionString(proxy.url())
          .setMaxPoolSize(CONNECTIONS + 2), CONNECTIONS, 500);
      try {
        for (int i = 0; i < CONNECTIONS; i++) assertThat(redis.send(Request.cmd(Command.PING)).await().toString()).isEqualTo("PONG");
        // The server is still there for new connections; the open ones will never answer again.
        proxy.freezeOpenConnections();
        long deadline = System.currentTimeMillis() + 5_000;
        Response answer = null;
        while (answer == null && System.currentTimeMillis() < deadline) {
          answer = redis.send(Request.cmd(Command.PING)).timeout(200, TimeUnit.MILLISECONDS).otherwise((Response) null).await();
        }
        assertThat(answer).as("an answer on a new connection within 5 s").isNotNull();
        assertThat(answer.toString()).isEqualTo("PONG");
      } finally {
        redis.close().await();
      }
    }
  }
}
