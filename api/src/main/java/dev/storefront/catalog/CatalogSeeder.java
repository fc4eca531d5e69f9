package dev.storefront.catalog;

import dev.storefront.config.AppConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Loads the standard data set (docs/workload-and-targets.md): 50 categories (10 departments x 4 sub-categories) and
 * products with stock 0-500, prices 1-2,000, ~800-byte descriptions and one image each. The same
 * seed always yields the same rows, and a re-run restores them (upsert), so it is idempotent.
 * Blocking JDBC: runs from the CLI or off the event loop.
 */
public final class CatalogSeeder {
  public static final int STANDARD_PRODUCTS = 10_000;
  private static final long SEED = 20_261_126L;
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> DEPARTMENTS = List.of(
      "Home", "Kitchen", "Furniture", "Lighting", "Textiles", "Office", "Outdoor", "Travel", "Decor", "Storage");
  static final List<String> KINDS = List.of("Essentials", "Classics", "Studio", "Workshop");
  static final List<String> ADJECTIVES = List.of(
      "classic", "vintage", "modern", "rustic", "compact", "sturdy", "elegant", "minimal", "bold", "soft");
  static final List<String> MATERIALS = List.of(
      "wool", "steel", "linen", "oak", "ceramic", "cotton", "leather", "walnut", "glass", "bamboo");
  static final List<String> NOUNS = List.of(
      "lamp", "chair", "table", "bag", "mug", "desk", "sofa", "rug", "shelf", "clock", "vase", "bowl");
  private static final List<String> FILLER = List.of(
      "crafted", "for", "everyday", "use", "with", "a", "finish", "that", "ages", "well", "and", "care",
      "easy", "to", "clean", "designed", "in", "small", "batches", "built", "last", "years", "of", "comfort");

  private final AppConfig config;

  public CatalogSeeder(AppConfig config) {
    this.config = config;
  }

  public record Result(int categories, int products) {}

  public Result seed(int products) throws SQLException {
    var db = config.database();
    String url = db.jdbcUrl() + "?reWriteBatchedInserts=true&currentSchema=" + config.databaseSchema();
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password())) {
      c.setAutoCommit(false);
      int categories = seedCategories(c);
      seedProducts(c, products);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval(pg_get_serial_sequence('products', 'id'), GREATEST((SELECT max(id) FROM products), 1))");
        s.execute("UPDATE categories SET version = version + 1");
        s.execute("UPDATE catalog_version SET version = version + 1");
      }
      c.commit();
      // Fresh statistics, so the first listing queries after a seed use the planned indexes
      // instead of a sequential scan until autovacuum gets round to the tables; VACUUM also sets
      // the visibility map (index-only counts) and empties GIN pending lists. Outside a transaction.
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM (ANALYZE) categories, products, search_terms");
      }
      return new Result(categories, products);
    }
  }

  private int seedCategories(Connection c) throws SQLException {
    String sql = "INSERT INTO categories (id, slug, name, parent_id) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, parent_id = EXCLUDED.parent_id";
    int count = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int d = 0; d < DEPARTMENTS.size(); d++) {
        add(ps, d + 1, DEPARTMENTS.get(d), null);
        count++;
      }
      for (int d = 0; d < DEPARTMENTS.size(); d++) {
        for (int k = 0; k < KINDS.size(); k++) {
          add(ps, leafCategoryId(d, k), DEPARTMENTS.get(d) + " " + KINDS.get(k), d + 1);
          count++;
        }
      }
      ps.executeBatch();
    }
    return count;
  }

  static int leafCategoryId(int department, int kind) {
    return DEPARTMENTS.size() + 1 + department * KINDS.size() + kind;
  }

  private static void add(PreparedStatement ps, int id, String name, Integer parent) throws SQLException {
    ps.setInt(1, id);
    ps.setString(2, name.toLowerCase().replace(' ', '-'));
    ps.setString(3, name);
    if (parent == null) ps.setNull(4, java.sql.Types.INTEGER); else ps.setInt(4, parent);
    ps.addBatch();
  }

  private void seedProducts(Connection c, int products) throws SQLException {
    String sql = "INSERT INTO products (id, sku, name, description, category_id, price_cents, currency, stock, "
        + "popularity, image_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?) "
        + "ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name, "
        + "description = EXCLUDED.description, category_id = EXCLUDED.category_id, "
        + "price_cents = EXCLUDED.price_cents, currency = EXCLUDED.currency, stock = EXCLUDED.stock, "
        + "popularity = EXCLUDED.popularity, image_key = EXCLUDED.image_key, "
        + "created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, active = true";
    SplittableRandom random = new SplittableRandom(SEED);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int id = 1; id <= products; id++) {
        String sku = String.format("SKU-%06d", id);
        String name = capitalize(pick(random, ADJECTIVES)) + " " + pick(random, MATERIALS) + " " + pick(random, NOUNS);
        Timestamp created = Timestamp.from(EPOCH.plusSeconds(random.nextLong(300L * 86_400)));
        ps.setLong(1, id);
        ps.setString(2, sku);
        ps.setString(3, name);
        ps.setString(4, description(random, name));
        ps.setInt(5, leafCategoryId(random.nextInt(DEPARTMENTS.size()), random.nextInt(KINDS.size())));
        ps.setInt(6, 100 + random.nextInt(199_901));
        ps.setInt(7, random.nextInt(501));
        // Popularity follows the browse workload's Zipf ranks: product 1 is the most viewed.
        ps.setInt(8, 1_000_000 / id);
        ps.setString(9, "products/" + sku.toLowerCase() + ".jpg");
        ps.setTimestamp(10, created);
        ps.setTimestamp(11, created);
        ps.addBatch();
        if (id % 1000 == 0) ps.executeBatch();
      }
      ps.executeBatch();
    }
  }

  private static String description(SplittableRandom random, String name) {
    StringBuilder sb = new StringBuilder(900).append(name).append(" in ").append(pick(random, MATERIALS)).append('.');
    while (sb.length() < 780) {
      sb.append(' ').append(pick(random, FILLER));
      if (random.nextInt(9) == 0) sb.append('.');
    }
    return sb.append('.').toString();
  }

  private static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
