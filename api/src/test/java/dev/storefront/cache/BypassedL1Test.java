package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the change feed lags, lookups bypass the L1 and read Redis every time: an entry the L1
 * still holds is reused only when Redis has exactly its bytes, so a bypassed lookup costs a byte
 * comparison rather than a SHA-256 and a gzip, and never serves what Redis no longer has.
 */
class BypassedL1Test {
  static final String KEY = "pdp:1";
  Vertx vertx;
  Redis redis;
  RedisStore store;
  String namespace;
  final AtomicBoolean trusted = new AtomicBoolean(true);
  ResponseCache cache;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, Infrastructure.redisUrl());
    store = TestCaches.store(redis);
    namespace = TestCaches.namespace("bypassed_l1");
    cache = TestCaches.cache(vertx, namespace, store, 30_000, 1 << 20, trusted::get);
  }

  @AfterEach
  void stop() {
    store.delete(namespace + KEY).await();
    redis.close();
    vertx.close().await();
  }

  static Buffer page(String name) {
    return Buffer.buffer("{\"id\":1,\"name\":\"" + name + "\",\"description\":\"" + "a lamp for reading. ".repeat(40) + "\"}");
  }

  static Future<Buffer> noDatabase() {
    return Future.failedFuture("the database must not be asked: Redis has the entry");
  }

  @Test
  void aBypassedLookupReusesTheHeldEntryWhenRedisHasItsBytes() {
    cache.putAll(Map.of(KEY, page("Desk lamp"))).await();
    CachedBody held = cache.peek(KEY);
    assertThat(held).isNotNull();
    assertThat(held.gzip()).as("big enough to be compressed").isNotNull();

    trusted.set(false);
    assertThat(cache.peek(KEY)).as("bypassed: nothing from process memory").isNull();
    CachedBody read = cache.get(KEY, BypassedL1Test::noDatabase).await();

    assertThat(read).as("the held entry, tag and gzip bytes included").isSameAs(held);
  }

  @Test
  void aBypassedLookupBuildsANewEntryWhenRedisHasOtherBytes() {
    cache.putAll(Map.of(KEY, page("Desk lamp"))).await();
    CachedBody held = cache.peek(KEY);
    trusted.set(false);
    // Another instance's write evicted the key and a load there stored the new page.
    store.set(namespace + KEY, page("Floor lamp"), 60_000).await();

    CachedBody read = cache.get(KEY, BypassedL1Test::noDatabase).await();

    assertThat(read).isNotSameAs(held);
    assertThat(read.plain()).isEqualTo(page("Floor lamp"));
    assertThat(read.etag().toString()).isNotEqualTo(held.etag().toString()).isEqualTo(CachedBody.of(page("Floor lamp")).etag().toString());
  }
}
