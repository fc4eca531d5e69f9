package dev.storefront.catalog;

import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated PLP query. The hot read routes skip the generic OpenAPI validator for speed and
 * check their parameters here instead, against the same bounds as {@code openapi.yaml}.
 */
public record ProductListQuery(Integer category, String q, Integer minPriceCents, Integer maxPriceCents,
    Sort sort, int page, int size) {

  public static final int MAX_SIZE = 100;
  public static final int MAX_PAGE = 500;
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Where {@link #parse} reads its parameters: the value of a name given at most once, or null. */
  @FunctionalInterface
  public interface Params {
    String single(String name);
  }

  public enum Sort {
    /** With {@code q} only (the default then): best match first; ProductRepository writes its ORDER BY. */
    RELEVANCE("relevance", null),
    POPULARITY("popularity", "popularity DESC, id"),
    PRICE_ASC("price_asc", "price_cents, id"),
    PRICE_DESC("price_desc", "price_cents DESC, id DESC"),
    NAME("name", "name, id"),
    NEWEST("newest", "created_at DESC, id");

    final String param;
    final String orderBy;

    Sort(String param, String orderBy) {
      this.param = param;
      this.orderBy = orderBy;
    }

    static Sort of(String value) {
      for (Sort s : values()) if (s.param.equals(value)) return s;
      throw ProblemException.badRequest("sort: must be one of relevance, popularity, price_asc, price_desc, name, newest");
    }
  }

  public static ProductListQuery parse(MultiMap params) {
    return parse(name -> single(params, name));
  }

  public static ProductListQuery parse(Params params) {
    Integer category = intParam(params, "category", 1, Integer.MAX_VALUE, null);
    String q = params.single("q");
    if (q != null) {
      if (q.codePointCount(0, q.length()) > 100) throw ProblemException.badRequest("q: must be 1 to 100 characters");
      q = SPACES.matcher(q.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
      if (q.isEmpty()) throw ProblemException.badRequest("q: must contain a character other than spaces");
    }
    Integer min = Prices.fromQuery("minPrice", params.single("minPrice"));
    Integer max = Prices.fromQuery("maxPrice", params.single("maxPrice"));
    if (min != null && max != null && min > max) {
      throw ProblemException.badRequest("minPrice: must not be greater than maxPrice");
    }
    Sort sort = sortOf(params.single("sort"), q != null);
    return new ProductListQuery(category, q, min, max, sort,
        intParam(params, "page", 1, MAX_PAGE, 1), intParam(params, "size", 1, MAX_SIZE, 20));
  }

  /** Relevance when there are search words and no other order is asked for; without words it means popularity. */
  private static Sort sortOf(String param, boolean searching) {
    Sort sort = param == null ? (searching ? Sort.RELEVANCE : Sort.POPULARITY) : Sort.of(param);
    return sort == Sort.RELEVANCE && !searching ? Sort.POPULARITY : sort;
  }

  /** The canonical form: equal queries share one cache entry whatever the parameter order. */
  public String cacheKey() {
    return "s=" + sort.param + "&p=" + page + "&n=" + size + "&" + filterKey();
  }

  /** The canonical form of the filters alone (what facets depend on). */
  public String filterKey() {
    return "c=" + (category == null ? "" : category) + "&min=" + (minPriceCents == null ? "" : minPriceCents)
        + "&max=" + (maxPriceCents == null ? "" : maxPriceCents) + "&q=" + (q == null ? "" : q);
  }

  public int offset() {
    return (page - 1) * size;
  }

  private static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) return null;
    if (values.size() > 1) throw ProblemException.badRequest(name + ": must be given at most once");
    return values.get(0);
  }

  private static Integer intParam(Params params, String name, int min, int max, Integer fallback) {
    String raw = params.single(name);
    if (raw == null) return fallback;
    if (!isInteger(raw)) throw ProblemException.badRequest(name + ": must be an integer");
    long value = raw.length() > 12 ? Long.MAX_VALUE : Long.parseLong(raw);
    if (value < min || value > max) {
      throw ProblemException.badRequest(name + ": must be >= " + min + " and <= " + max);
    }
    return (int) value;
  }

  /** An optional minus sign and 1 to 19 ASCII digits. */
  public static boolean isInteger(String raw) {
    int start = raw.startsWith("-") ? 1 : 0;
    int digits = raw.length() - start;
    if (digits < 1 || digits > 19) return false;
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
