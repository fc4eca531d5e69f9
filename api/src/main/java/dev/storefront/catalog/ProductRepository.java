package dev.storefront.catalog;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Catalog reads and writes in PostgreSQL. Every value is a bound parameter. */
public final class ProductRepository {
  private static final String BY_ID = SqlFiles.load("catalog/product-by-id.sql");
  private static final String ADMIN_BY_ID = SqlFiles.load("catalog/admin-product-by-id.sql");
  private static final String PRODUCTS_AFTER = SqlFiles.load("catalog/products-after.sql");
  private static final String CATEGORIES = SqlFiles.load("catalog/categories.sql");
  private static final String VERSIONS = SqlFiles.load("catalog/catalog-versions.sql");
  private static final String UPDATE = SqlFiles.load("catalog/update-product.sql");
  private static final String SET_IMAGE = SqlFiles.load("catalog/set-image.sql");
  private static final String BUMP_CATALOG_VERSION = SqlFiles.load("catalog/bump-catalog-version.sql");
  private static final String BUMP_CATEGORY_VERSIONS = SqlFiles.load("catalog/bump-category-versions.sql");
  private static final String ID_BY_SKU = SqlFiles.load("catalog/product-id-by-sku.sql");
  private static final String IMAGE_KEY_IN_USE = SqlFiles.load("catalog/image-key-in-use.sql");
  private static final String LIST_COLUMNS = "id, sku, name, category_id, price_cents, currency, stock, image_key";

  private final Pool pool;
  private final int exactTotalUpTo;

  /** {@code exactTotalUpTo}: listings count matches up to this many, then stop (see {@link Page}). */
  public ProductRepository(Pool pool, int exactTotalUpTo) {
    this.pool = pool;
    this.exactTotalUpTo = exactTotalUpTo;
  }

  /** The product if it is on sale, else null. */
  public Future<Row> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(ProductRepository::firstOrNull);
  }

  /** The product with its {@code active} flag, on sale or not; null when there is no such product. */
  public Future<Row> adminById(long id) {
    return pool.preparedQuery(ADMIN_BY_ID).execute(Tuple.of(id)).map(ProductRepository::firstOrNull);
  }

  /** Up to {@code limit} products on sale with ids above {@code afterId}, in id order: a keyset page. */
  public Future<RowSet<Row>> productsAfter(long afterId, int limit) {
    return pool.preparedQuery(PRODUCTS_AFTER).execute(Tuple.of(afterId, limit));
  }

  public Future<RowSet<Row>> categories() {
    return pool.preparedQuery(CATEGORIES).execute();
  }

  public Future<RowSet<Row>> versions() {
    return pool.preparedQuery(VERSIONS).execute();
  }

  Pool pool() {
    return pool;
  }

  /** The id of the product with this SKU, on sale or not; null when there is none. */
  public Future<Long> idBySku(String sku) {
    return pool.preparedQuery(ID_BY_SKU).execute(Tuple.of(sku)).map(ProductRepository::firstOrNull)
        .map(row -> row == null ? null : row.getLong(0));
  }

  /**
   * One page (read one row past it, to learn whether another follows) and the bounded count, run
   * side by side on two connections.
   */
  public Future<Page> list(ProductListQuery query) {
    List<Object> args = new ArrayList<>();
    String where = where(query, args);
    List<Object> countArgs = new ArrayList<>(args);
    String orderBy = query.sort() == ProductListQuery.Sort.RELEVANCE
        // Names weigh more than descriptions (the A and B labels of the search column); ties by popularity.
        ? "ts_rank(search, (SELECT search_query($" + (args.indexOf(query.q()) + 1) + "))) DESC, popularity DESC, id"
        : query.sort().orderBy;
    args.add(query.size() + 1);
    args.add(query.offset());
    String pageSql = "SELECT " + LIST_COLUMNS + " FROM products" + where + " ORDER BY " + orderBy
        + " LIMIT $" + (args.size() - 1) + " OFFSET $" + args.size();
    Future<RowSet<Row>> rows = pool.preparedQuery(pageSql).execute(Tuple.wrap(args));
    // Counting stops one past the bound: a big category or a broad search costs at most that many
    // index entries, however the catalog grows.
    countArgs.add(exactTotalUpTo + 1);
    Future<Long> total = pool.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM products" + where + " LIMIT $"
        + countArgs.size() + ") AS bounded").execute(Tuple.wrap(countArgs)).map(rs -> rs.iterator().next().getLong(0));
    return Future.all(rows, total).map(all -> {
      List<Row> page = new ArrayList<>(query.size());
      for (Row row : rows.result()) if (page.size() < query.size()) page.add(row);
      long counted = total.result();
      return new Page(page, rows.result().size() > query.size(), Math.min(counted, exactTotalUpTo),
          counted <= exactTotalUpTo);
    });
  }

  /**
   * The rows of one page; whether a next page has any; the number of matches when {@code exact},
   * else the bound (more than that many match).
   */
  public record Page(List<Row> rows, boolean hasNext, long total, boolean exact) {}

  /**
   * The WHERE clause from fixed fragments; only placeholders vary, never values. It always has
   * {@code active}: listings show products on sale only, and the listing indexes are partial on it.
   */
  static String where(ProductListQuery query, List<Object> args) {
    List<String> clauses = new ArrayList<>(List.of("active"));
    if (query.category() != null) {
      args.add(query.category());
      clauses.add("category_id IN (SELECT id FROM categories WHERE id = $" + args.size()
          + " OR parent_id = $" + args.size() + ")");
    }
    if (query.q() != null) {
      args.add(query.q());
      // A sub-select, so the query is built once per statement (then used as the GIN index key),
      // not once per row; search_query (V20) stems, matches prefixes and corrects one typo.
      clauses.add("search @@ (SELECT search_query($" + args.size() + "))");
    }
    if (query.minPriceCents() != null) {
      args.add(query.minPriceCents());
      clauses.add("price_cents >= $" + args.size());
    }
    if (query.maxPriceCents() != null) {
      args.add(query.maxPriceCents());
      clauses.add("price_cents <= $" + args.size());
    }
    return " WHERE " + String.join(" AND ", clauses);
  }

  /** Applies the non-null fields; returns the product's category, or null if no such product. */
  public Future<Row> update(SqlClient tx, long id, ProductEdit edit) {
    return tx.preparedQuery(UPDATE)
        .execute(Tuple.of(id, edit.name(), edit.description(), edit.priceCents(), edit.active()))
        .map(ProductRepository::firstOrNull);
  }

  /** Points the product at a new image object; returns its category, or null if no such product. */
  public Future<Row> setImage(SqlClient tx, long id, String imageKey) {
    return tx.preparedQuery(SET_IMAGE).execute(Tuple.of(id, imageKey)).map(ProductRepository::firstOrNull);
  }

  /** Whether any product, on sale or not, points at this image object. */
  public Future<Boolean> imageKeyInUse(String imageKey) {
    return pool.preparedQuery(IMAGE_KEY_IN_USE).execute(Tuple.of(imageKey)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Bumps the listing versions of the category, its parent and the whole catalog. */
  /**
   * Bumps the whole catalog's listing version, then those of these categories and their parents,
   * and returns the new versions by category id (0 for the whole catalog). The catalog's single row
   * is locked first: concurrent bumps queue on it instead of locking category rows in different
   * orders, and callers bump last in their transaction, after every product row they lock.
   */
  public Future<Map<Integer, Long>> bumpVersions(SqlClient tx, Collection<Integer> categoryIds) {
    return tx.preparedQuery(BUMP_CATALOG_VERSION).execute().compose(whole -> tx.preparedQuery(BUMP_CATEGORY_VERSIONS)
        .execute(Tuple.tuple().addArrayOfInteger(categoryIds.toArray(Integer[]::new))).map(rows -> {
          Map<Integer, Long> bumped = new HashMap<>();
          for (Row r : rows) bumped.put(r.getInteger(0), r.getLong(1));
          bumped.put(0, whole.iterator().next().getLong(0));
          return bumped;
        }));
  }

  private static Row firstOrNull(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next() : null;
  }
}
