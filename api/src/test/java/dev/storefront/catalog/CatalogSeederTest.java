package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.config.AppConfig;
import dev.storefront.support.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSeederTest {

  @Test
  void seedingIsDeterministicAndIdempotent() throws Exception {
    AppConfig first = TestApp.config("seed_a", Map.of());
    AppConfig second = TestApp.config("seed_b", Map.of());
    try {
      new CatalogSeeder(first).seed(500);
      new CatalogSeeder(second).seed(500);
      String checksumA = checksum(first);
      assertThat(checksum(second)).as("same seed, same rows").isEqualTo(checksumA);

      try (Connection c = connect(first)) {
        c.createStatement().execute("UPDATE products SET stock = 0, name = 'changed' WHERE id <= 10");
      }
      new CatalogSeeder(first).seed(500);
      assertThat(checksum(first)).as("a re-run restores the data set").isEqualTo(checksumA);
      try (Connection c = connect(first); ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*), count(DISTINCT category_id), min(price_cents), max(price_cents), max(stock), "
              + "avg(length(description))::int FROM products")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(500);
        assertThat(rs.getInt(2)).isEqualTo(40);
        assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(100);
        assertThat(rs.getInt(4)).isLessThanOrEqualTo(200_000);
        assertThat(rs.getInt(5)).isLessThanOrEqualTo(500);
        assertThat(rs.getInt(6)).isBetween(750, 850);
      }
    } finally {
      drop(first);
      drop(second);
    }
  }

  private static String checksum(AppConfig config) throws Exception {
    try (Connection c = connect(config); ResultSet rs = c.createStatement().executeQuery(
        "SELECT md5(string_agg(concat_ws('|', id, sku, name, description, category_id, price_cents, stock, "
            + "popularity, image_key, created_at), ',' ORDER BY id)) FROM products")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect(AppConfig config) throws Exception {
    var db = config.database();
    return DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + config.databaseSchema(), db.user(), db.password());
  }

  private static void drop(AppConfig config) throws Exception {
    try (Connection c = connect(config)) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + config.databaseSchema() + " CASCADE");
    }
  }
}
