package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Gauge;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One client asking for endless unique listings cannot grow the heap past the L1's byte bound. */
class L1MemoryBoundTest {
  static final long BOUND = 64 * 1024;
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("l1_memory_bound", Map.of("CACHE_L1_MAX_BYTES", Long.toString(BOUND)));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static double l1Bytes(String cache) {
    Gauge g = t.app.registry().find("cache_l1_bytes").tag("cache", cache).gauge();
    assertThat(g).as("cache_l1_bytes{cache=%s}", cache).isNotNull();
    return g.value();
  }

  @Test
  void manyUniqueListingsKeepTheL1UnderItsByteBound() {
    long served = 0;
    for (int i = 0; i < 120; i++) {
      // Each a distinct large page (about 20 kB): 2.4 MB in all, forty times the bound.
      var r = t.get("/api/v1/products?size=100&minPrice=" + (1 + i) + ".00");
      assertThat(r.statusCode()).isEqualTo(200);
      served += r.body().length();
    }
    assertThat(served).isGreaterThan(20 * BOUND);
    assertThat(l1Bytes("plp")).isPositive().isLessThanOrEqualTo(BOUND);
  }

  @Test
  void theWeightCountsKeyBothBodiesBothTagsAndOverhead() {
    String key = "ns:v1:pdp:1";
    CachedBody body = CachedBody.of(io.vertx.core.buffer.Buffer.buffer(new byte[1000]));
    assertThat(body.gzip()).isNotNull();
    assertThat(ResponseCache.weight(key, body)).isEqualTo(ResponseCache.ENTRY_OVERHEAD_BYTES + 2 * key.length()
        + 1000 + body.gzip().length() + body.etag().length() + body.gzipEtag().length());
  }
}
