package dev.storefront.catalog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a filter UI shows beside a listing: how many of the matching products are in each
 * category, in each price band and in stock. One statement: the matches grouped three ways
 * (GROUPING SETS). It reads every match, unlike a page, so it is cached like a listing (and
 * versioned with it: a price, name or stock-crossing-zero change makes a new entry).
 */
final class Facets {
  /** Band edges in cents: 0-25, 25-50, 50-100, 100-250, 250-500, 500-1000, 1000 and more (EUR). */
  static final int[] PRICE_EDGES = {2_500, 5_000, 10_000, 25_000, 50_000, 100_000};

  private final Pool pool;

  Facets(Pool pool) {
    this.pool = pool;
  }

  Future<Buffer> load(ProductListQuery query) {
    List<Object> args = new ArrayList<>();
    String where = ProductRepository.where(query, args);
    StringBuilder band = new StringBuilder("width_bucket(price_cents, ARRAY[");
    for (int i = 0; i < PRICE_EDGES.length; i++) band.append(i == 0 ? "" : ",").append(PRICE_EDGES[i]);
    band.append("])");
    String sql = "SELECT GROUPING(category_id) AS by_band, GROUPING(band) AS by_category, category_id, band, "
        + "count(*) AS n, count(*) FILTER (WHERE stock > 0) AS in_stock "
        + "FROM (SELECT category_id, stock, " + band + " AS band FROM products" + where + ") AS matches "
        + "GROUP BY GROUPING SETS ((category_id), (band), ()) ORDER BY category_id, band";
    return pool.preparedQuery(sql).execute(Tuple.wrap(args)).map(rows -> {
      JsonArray categories = new JsonArray();
      long[] bands = new long[PRICE_EDGES.length + 1];
      long total = 0;
      long inStock = 0;
      for (Row row : rows) {
        boolean byBand = row.getInteger("by_band") == 1;
        boolean byCategory = row.getInteger("by_category") == 1;
        if (byBand && byCategory) {
          total = row.getLong("n");
          inStock = row.getLong("in_stock");
        } else if (byCategory) {
          categories.add(new JsonObject().put("id", row.getInteger("category_id")).put("count", row.getLong("n")));
        } else {
          bands[row.getInteger("band")] = row.getLong("n");
        }
      }
      return new JsonObject().put("total", total).put("inStock", inStock).put("categories", categories)
          .put("prices", prices(bands)).toBuffer();
    });
  }

  /** Every band, empty ones included, so a UI can lay them out the same way for every query. */
  private static JsonArray prices(long[] bands) {
    JsonArray prices = new JsonArray();
    for (int i = 0; i < bands.length; i++) {
      JsonObject band = new JsonObject().put("min", BigDecimal.valueOf(i == 0 ? 0 : PRICE_EDGES[i - 1], 2));
      if (i < PRICE_EDGES.length) band.put("max", BigDecimal.valueOf(PRICE_EDGES[i], 2));
      prices.add(band.put("count", bands[i]));
    }
    return prices;
  }
}
