package dev.storefront.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import dev.storefront.support.SwitchableProxy;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL lost without a reset (a failover, a dropped NAT entry): the open connections never
 * answer again, new ones work. Queries on the silent connections fail as a lost connection (503)
 * within about DATABASE_TIMEOUT_MS instead of hanging, and new connections take over.
 */
class SilentDatabaseTest {
  static final int TIMEOUT_MS = 1_000;
  static SwitchableProxy proxy;
  static TestApp t;

  @BeforeAll
  static void start() {
    proxy = new SwitchableProxy(Infrastructure.databaseUrl());
    // No warming and no L1 entries to answer from: every product read below goes to PostgreSQL.
    t = TestApp.start("silent_database", Map.of("DATABASE_URL", proxy.urlOfTarget(),
        "DATABASE_TIMEOUT_MS", Integer.toString(TIMEOUT_MS), "CACHE_WARM_TIMEOUT_MS", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    proxy.close();
  }

  private static HttpResponse<Buffer> product(long id) {
    return t.client.get("/api/v1/products/" + id).send().timeout(30, TimeUnit.SECONDS).await();
  }

  @Test
  void queriesOnSilentConnectionsFailFastAndNewConnectionsTakeOver() throws Exception {
    assertThat(product(1).statusCode()).isEqualTo(200);
    proxy.freezeOpenConnections();

    long started = System.nanoTime();
    HttpResponse<Buffer> during = product(2);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(during.statusCode()).as("%s", during.bodyAsString()).isIn(200, 503);
    assertThat(tookMs).as("answered, not hung").isLessThan(Database.readIdleMs(t.config) + 5_000L);

    long deadline = System.currentTimeMillis() + 15_000;
    int status = 0;
    for (long id = 3; status != 200 && System.currentTimeMillis() < deadline; id++) {
      status = product(id).statusCode();
      if (status != 200) Thread.sleep(200);
    }
    assertThat(status).as("served again on new connections").isEqualTo(200);
  }
}
