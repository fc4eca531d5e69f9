package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.db.Database;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPrunerTest {
  @Test
  void eventsOlderThanTheRetentionGoAndTheHighestGoneIdIsRecorded() throws Exception {
    try (TestApp t = TestApp.start("event_pruner", Map.of("EVENT_RETENTION_HOURS", "1"))) {
      Sql sql = new Sql(t.config);
      sql.update("INSERT INTO events (type, product_id, payload) SELECT 'stock.changed', 1, "
          + "jsonb_build_object('productId', 1, 'stock', g, 'inStock', true) FROM generate_series(1, 5) g");
      long newest = sql.scalar("SELECT max(id) FROM events");
      sql.update("UPDATE events SET created_at = now() - interval '2 hours' WHERE id <= ?", newest - 2);
      long old = sql.scalar("SELECT count(*) FROM events WHERE id <= ?", newest - 2);
      Vertx vertx = Vertx.vertx();
      Pool pool = Database.pool(vertx, t.config);
      try {
        long gone = new EventPruner(vertx, pool, 3600, 60_000).prune().await();
        assertThat(gone).isEqualTo(old).isPositive();
        assertThat(sql.longs("SELECT id FROM events ORDER BY id")).containsExactly(newest - 1, newest);
        assertThat(sql.scalar("SELECT through_id FROM events_pruned")).isEqualTo(newest - 2);
        assertThat(new EventPruner(vertx, pool, 3600, 60_000).prune().await()).isZero();
        assertThat(sql.scalar("SELECT through_id FROM events_pruned")).isEqualTo(newest - 2);
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }
}
