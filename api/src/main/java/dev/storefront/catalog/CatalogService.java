package dev.storefront.catalog;

import dev.storefront.cache.CachedBody;
import dev.storefront.cache.ResponseCache;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog reads, cache first: each returns the serialized response body. */
public final class CatalogService {
  private static final String CATEGORIES_KEY = "categories";
  private final ProductRepository repository;
  private final CatalogSync catalogSync;
  private final ProductJson json;
  private final ResponseCache pdp;
  private final ResponseCache plp;
  private final ResponseCache categories;
  private final ResponseCache skus;
  private final Facets facets;

  public CatalogService(ProductRepository repository, CatalogSync catalogSync, String mediaBaseUrl,
      ResponseCache pdp, ResponseCache plp, ResponseCache categories, ResponseCache skus) {
    this.repository = repository;
    this.catalogSync = catalogSync;
    this.json = new ProductJson(mediaBaseUrl);
    this.pdp = pdp;
    this.plp = plp;
    this.categories = categories;
    this.skus = skus;
    this.facets = new Facets(repository.pool());
  }

  static String pdpKey(long id) {
    return "pdp:" + id;
  }

  /** The PDP body, or an empty one when there is no such product on sale. */
  /** The product's page when this process holds it and may trust it; null otherwise (no load). */
  public CachedBody cachedProduct(long id) {
    return pdp.peek(pdpKey(id));
  }

  /** The listing page when this process holds it and may trust it; null otherwise (no load). */
  public CachedBody cachedList(ProductListQuery query) {
    return plp.peek(listKey(query));
  }

  public Future<CachedBody> product(long id) {
    return pdp.get(pdpKey(id), () -> repository.byId(id)
        .map(row -> row == null ? Buffer.buffer() : json.detail(row).toBuffer()));
  }

  /**
   * The PDP of the product with this SKU (empty when none is on sale). SKUs never change, so the
   * SKU to id mapping is cached without eviction; the page itself is the PDP's cache entry.
   */
  public Future<CachedBody> productBySku(String sku) {
    return skus.get("sku:" + sku, () -> repository.idBySku(sku)
            .map(id -> id == null ? Buffer.buffer() : Buffer.buffer(Long.toString(id))))
        .compose(id -> id.isEmpty() ? Future.succeededFuture(CachedBody.NOT_FOUND)
            : product(Long.parseLong(id.plain().toString())));
  }

  /**
   * The PDP whose slug this is (empty otherwise). A slug ends in the id, so no lookup is needed;
   * the page is then checked to carry exactly this slug (a product renamed has a new one).
   */
  public Future<CachedBody> productBySlug(String slug) {
    int dash = slug.lastIndexOf('-');
    long id;
    try {
      id = Long.parseLong(slug.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Future.succeededFuture(CachedBody.NOT_FOUND);
    }
    // The contract keeps slugs to ASCII, so the page's bytes are searched as they are, without a copy.
    byte[] field = ("\"slug\":\"" + slug + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return product(id).map(body -> !body.isEmpty() && contains(body.plain(), field) ? body : CachedBody.NOT_FOUND);
  }

  private static boolean contains(Buffer haystack, byte[] needle) {
    next:
    for (int i = 0, last = haystack.length() - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack.getByte(i + j) != needle[j]) continue next;
      }
      return true;
    }
    return false;
  }

  /** The product as operators see it, on sale or not, read from PostgreSQL (never cached); null when unknown. */
  Future<Buffer> adminProduct(long id) {
    return repository.adminById(id).map(row -> row == null ? null : json.admin(row).toBuffer());
  }

  public Future<CachedBody> list(ProductListQuery query) {
    return plp.get(listKey(query), () -> loadList(query));
  }

  /** Category, price band and in-stock counts of the products the query's filters match (its order and page aside). */
  public Future<CachedBody> facets(ProductListQuery query) {
    ProductListQuery filters = new ProductListQuery(query.category(), query.q(), query.minPriceCents(),
        query.maxPriceCents(), ProductListQuery.Sort.POPULARITY, 1, 1);
    return plp.get("facets:" + versioned(filters) + filters.filterKey(), () -> facets.load(filters));
  }

  private String listKey(ProductListQuery query) {
    return "plp:" + versioned(query) + query.cacheKey();
  }

  /** The listing version in a key: a write that changes what listings show moves them to new keys. */
  private String versioned(ProductListQuery query) {
    return (query.category() == null ? "all" : query.category()) + "@" + catalogSync.versionOf(query.category()) + ":";
  }

  private Future<Buffer> loadList(ProductListQuery query) {
    return repository.list(query).map(page -> {
      JsonArray items = new JsonArray(new ArrayList<>(page.rows().size()));
      for (Row row : page.rows()) items.add(json.summary(row));
      return ProductJson.page(items, query, page).toBuffer();
    });
  }

  /** Loads a listing page from PostgreSQL and stores it (L1 and Redis) without a lookup first. */
  Future<Void> preloadList(ProductListQuery query) {
    String key = listKey(query);
    return loadList(query).compose(body -> plp.putAll(Map.of(key, body)));
  }

  Future<Void> preloadCategoryTree() {
    return loadCategoryTree().compose(body -> categories.putAll(Map.of(CATEGORIES_KEY, body)));
  }

  public Future<CachedBody> categoryTree() {
    return categories.get(CATEGORIES_KEY, this::loadCategoryTree);
  }

  private Future<Buffer> loadCategoryTree() {
    return repository.categories().map(rows -> {
      Map<Integer, JsonObject> byId = new LinkedHashMap<>();
      List<JsonObject> roots = new ArrayList<>();
      for (Row row : rows) {
        JsonObject node = new JsonObject().put("id", row.getInteger("id")).put("slug", row.getString("slug"))
            .put("name", row.getString("name")).put("children", new JsonArray());
        byId.put(row.getInteger("id"), node);
        Integer parent = row.getInteger("parent_id");
        if (parent == null || !byId.containsKey(parent)) roots.add(node);
        else byId.get(parent).getJsonArray("children").add(node);
      }
      return new JsonObject().put("items", new JsonArray(new ArrayList<>(roots))).toBuffer();
    });
  }

  /** Caches the PDP bodies of these product rows (as their loads would) and returns the last id. */
  Future<Long> preloadProducts(Iterable<Row> rows) {
    Map<String, Buffer> bodies = new LinkedHashMap<>();
    long last = -1;
    for (Row row : rows) {
      last = row.getLong("id");
      bodies.put(pdpKey(last), json.detail(row).toBuffer());
    }
    long lastId = last;
    return pdp.putAll(bodies).map(lastId);
  }

  /** Evicts what a write to this product made stale: its PDP (PLPs move to a new version key). */
  Future<Void> evictProduct(long id) {
    return pdp.evict(pdpKey(id));
  }

  /**
   * Evicts a product changed anywhere (from its event): L1 and Redis, again a moment later. Every
   * instance does it, so a writer that died between its commit and its own eviction leaves
   * nothing stale behind.
   */
  Future<Void> evictChanged(long id) {
    return pdp.evict(pdpKey(id));
  }
}
