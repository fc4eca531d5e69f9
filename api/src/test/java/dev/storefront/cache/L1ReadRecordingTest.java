package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hits record their read in the L1's policy once per interval, not every time: what expiry after
 * access and eviction by weight promise still holds. An entry read more often than its TTL stays,
 * one left unread leaves, and a hot entry outlives a flood of cold ones.
 */
class L1ReadRecordingTest {
  static final long TTL_MS = 1_000;
  static final long MAX_BYTES = 64 * 1024;
  Vertx vertx;
  Redis redis;
  RedisStore store;
  String namespace;
  ResponseCache cache;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, Infrastructure.redisUrl());
    store = TestCaches.store(redis);
    namespace = TestCaches.namespace("l1_read_recording");
    cache = TestCaches.cache(vertx, namespace, store, TTL_MS, MAX_BYTES, () -> true);
  }

  @AfterEach
  void stop() {
    redis.close();
    vertx.close().await();
  }

  static Buffer page(int id, int bytes) {
    return Buffer.buffer("{\"id\":" + id + ",\"pad\":\"" + "x".repeat(bytes) + "\"}");
  }

  @Test
  void anEntryReadMoreOftenThanItsTtlStaysAndOneLeftUnreadLeaves() throws InterruptedException {
    cache.putAll(Map.of("hot", page(1, 100), "cold", page(2, 100))).await();
    long end = System.nanoTime() + 3 * TTL_MS * 1_000_000;
    while (System.nanoTime() < end) {
      assertThat(cache.peek("hot")).as("read every 20 ms, three TTLs long").isNotNull();
      Thread.sleep(20);
    }
    assertThat(cache.peek("cold")).as("not read for three TTLs").isNull();
  }

  @Test
  void aHotEntryOutlivesAFloodOfColdOnesPastTheByteBound() throws InterruptedException {
    cache.putAll(Map.of("hot", page(0, 1_000))).await();
    for (int i = 0; i < 8; i++) {
      assertThat(cache.peek("hot")).isNotNull();
      Thread.sleep(TTL_MS / 20 + 10); // one recorded read per interval
    }
    for (int batch = 0; batch < 20; batch++) {
      Map<String, Buffer> cold = new HashMap<>();
      for (int i = 0; i < 10; i++) cold.put("cold-" + batch + "-" + i, page(batch * 10 + i + 1, 1_000));
      cache.putAll(cold).await();
      assertThat(cache.peek("hot")).as("after %s cold kB", (batch + 1) * 10).isNotNull();
    }
    assertThat(cache.l1Bytes()).as("the flood was more than the bound holds").isLessThanOrEqualTo(MAX_BYTES);
  }
}
