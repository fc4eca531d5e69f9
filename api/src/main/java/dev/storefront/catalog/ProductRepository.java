package dev.storefront.catalog;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Catalog reads and writes in PostgreSQL. Every value is a bound parameter. */
public final class ProductRepository {
  private static final String BY_ID = SqlFiles.load("catalog/product-by-id.sql");
  private static final String ADMIN_BY_ID = SqlFiles.load("catalog/admin-product-by-id.sql");
  private static final String PRODUCTS_AFTER = SqlFiles.load("catalog/products-after.sql");
  private static final String CATEGORIES = SqlFiles.load("catalog/categories.sql");
  private static final String VERSIONS = SqlFiles.load("catalog/catalog-versions.sql");
  private static final String UPDATE = SqlFiles.load("catalog/update-product.sql");
  private static final String SET_IMAGE = SqlFiles.load("catalog/set-image.sql");
  private static final String BUMP_VERSIONS = SqlFiles.load("catalog/bump-versions.sql");
  private static final String LIST_COLUMNS = "id, sku, name, category_id, price_cents, currency, stock, image_key";

  private final Pool pool;

  public ProductRepository(Pool pool) {
    this.pool = pool;
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

  /** One page and the total count, run side by side on two connections. */
  public Future<Page> list(ProductListQuery query) {
    List<Object> args = new ArrayList<>();
    String where = where(query, args);
    Tuple filter = Tuple.wrap(new ArrayList<>(args));
    args.add(query.size());
    args.add(query.offset());
    String pageSql = "SELECT " + LIST_COLUMNS + " FROM products" + where + " ORDER BY " + query.sort().orderBy
        + " LIMIT $" + (args.size() - 1) + " OFFSET $" + args.size();
    Future<RowSet<Row>> rows = pool.preparedQuery(pageSql).execute(Tuple.wrap(args));
    Future<Long> total = pool.preparedQuery("SELECT count(*) FROM products" + where).execute(filter)
        .map(rs -> rs.iterator().next().getLong(0));
    return Future.all(rows, total).map(all -> new Page(rows.result(), total.result()));
  }

  public record Page(RowSet<Row> rows, long total) {}

  /**
   * The WHERE clause from fixed fragments; only placeholders vary, never values. It always has
   * {@code active}: listings show products on sale only, and the listing indexes are partial on it.
   */
  private static String where(ProductListQuery query, List<Object> args) {
    List<String> clauses = new ArrayList<>(List.of("active"));
    if (query.category() != null) {
      args.add(query.category());
      clauses.add("category_id IN (SELECT id FROM categories WHERE id = $" + args.size()
          + " OR parent_id = $" + args.size() + ")");
    }
    if (query.q() != null) {
      args.add(query.q());
      clauses.add("search @@ plainto_tsquery('simple', $" + args.size() + ")");
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

  /** Bumps the listing versions of the category, its parent and the whole catalog. */
  public Future<RowSet<Row>> bumpVersions(SqlClient tx, int categoryId) {
    return tx.preparedQuery(BUMP_VERSIONS).execute(Tuple.of(categoryId));
  }

  private static Row firstOrNull(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next() : null;
  }
}
