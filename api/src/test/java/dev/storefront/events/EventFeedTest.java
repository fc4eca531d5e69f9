package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.SseClient;
import dev.storefront.support.SseClient.Frame;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox reader against real PostgreSQL: ids that commit out of order, rolled-back changes and
 * a lost listener connection, each watched through a real event stream.
 */
class EventFeedTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("event_feed", Map.of("CATALOG_SYNC_POLL_MS", "900"));
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }


  /** A stock change as the service writes it, in a transaction left open; returns its event id. */
  static long stockChangeLeftOpen(Connection tx, long product, int stock) throws Exception {
    try (PreparedStatement update = tx.prepareStatement("UPDATE products SET stock = ? WHERE id = ?")) {
      update.setInt(1, stock);
      update.setLong(2, product);
      update.executeUpdate();
    }
    try (PreparedStatement insert = tx.prepareStatement("INSERT INTO events (type, product_id, payload) "
        + "VALUES ('stock.changed', ?, jsonb_build_object('productId', ?::bigint, 'stock', ?::int, 'inStock', true)) "
        + "RETURNING id")) {
      insert.setLong(1, product);
      insert.setLong(2, product);
      insert.setInt(3, stock);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void anEventWhoseTransactionCommitsAfterAHigherOneIsNotLostAndComesFirst() throws Exception {
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=31,32", Map.of())) {
      sse.next(2_000); // retry line
      long early;
      try (Connection held = sql.begin()) {
        early = stockChangeLeftOpen(held, 31, 131);
        t.setStock(32, 132); // takes a higher id and commits while 31's transaction is open
        long late = sql.scalar("SELECT max(id) FROM events WHERE product_id = 32");
        assertThat(late).isGreaterThan(early);
        assertThat(sse.next("stock", 1_500)).as("held back behind the open transaction").isNull();
        held.commit();
      }
      List<Frame> frames = sse.take("stock", 2, 3_000);
      assertThat(frames).extracting(Frame::id)
          .containsExactly(early, sql.scalar("SELECT max(id) FROM events WHERE product_id = 32"));
      assertThat(new JsonObject(frames.get(0).data()).getInteger("stock")).isEqualTo(131);
    }
  }

  @Test
  void anEventOfATransactionWithAHigherXidCommittingAfterALowerOneIsNotLost() throws Exception {
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=33,34", Map.of())) {
      sse.next(2_000); // retry line
      long early;
      long late;
      try (Connection lower = sql.begin(); Connection higher = sql.begin()) {
        try (PreparedStatement xid = lower.prepareStatement("SELECT pg_current_xact_id()")) {
          xid.executeQuery().close(); // the lower xid, taken first
        }
        early = stockChangeLeftOpen(higher, 33, 133); // a higher xid, and the lower event id
        late = stockChangeLeftOpen(lower, 34, 134);
        lower.commit();
        // The newest completed xid is now the lower one: the snapshot's xmax does not cover the
        // open transaction, which must still hold the later event back.
        assertThat(sse.next("stock", 1_500)).as("held back behind the open transaction").isNull();
        higher.commit();
      }
      List<Frame> frames = sse.take("stock", 2, 3_000);
      assertThat(frames).extracting(Frame::id).containsExactly(early, late);
      assertThat(new JsonObject(frames.get(0).data()).getInteger("stock")).isEqualTo(133);
    }
  }

  @Test
  void aRolledBackChangeEmitsNothingAndHoldsNothingUp() throws Exception {
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=33,34", Map.of())) {
      sse.next(2_000);
      long rolledBack;
      try (Connection tx = sql.begin()) {
        rolledBack = stockChangeLeftOpen(tx, 33, 133);
        tx.rollback();
      }
      t.setStock(34, 134);
      Frame frame = sse.next("stock", 2_000);
      assertThat(frame).isNotNull();
      assertThat(frame.id()).isGreaterThan(rolledBack);
      assertThat(new JsonObject(frame.data()).getLong("productId")).isEqualTo(34);
      assertThat(sse.next("stock", 1_000)).isNull();
      assertThat(sql.scalar("SELECT count(*) FROM events WHERE id = ?", rolledBack)).isZero();
    }
  }

  @Test
  void aPodWhoseListenerConnectionDroppedCatchesUpAndListensAgain() throws Exception {
    String listening = "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN \"" + t.config.databaseSchema()
        + "_events\"'";
    assertThat(sql.scalar(listening)).isOne();
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=35", Map.of())) {
      sse.next(2_000);
      sql.scalar("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN \""
          + t.config.databaseSchema() + "_events\"'");
      t.setStock(35, 135);
      Frame frame = sse.next("stock", 3_000);
      assertThat(frame).as("read by the poll while the listener is down").isNotNull();
      assertThat(new JsonObject(frame.data()).getInteger("stock")).isEqualTo(135);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (sql.scalar(listening) != 1 && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertThat(sql.scalar(listening)).as("the listener reconnected").isOne();
  }
}
