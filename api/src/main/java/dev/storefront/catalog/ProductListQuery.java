package dev.storefront.catalog;

import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A validated PLP query. The hot read routes skip the generic OpenAPI validator for speed and
 * check their parameters here instead, against the same bounds as {@code openapi.yaml}.
 */
public record ProductListQuery(Integer category, String q, Integer minPriceCents, Integer maxPriceCents,
    Sort sort, int page, int size) {

  public static final int MAX_SIZE = 100;
  public static final int MAX_PAGE = 500;
  private static final java.util.regex.Pattern PRICE = java.util.regex.Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");

  public enum Sort {
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
      throw ProblemException.badRequest("sort must be one of popularity, price_asc, price_desc, name, newest");
    }
  }

  public static ProductListQuery parse(MultiMap params) {
    Integer category = intParam(params, "category", 1, Integer.MAX_VALUE, null);
    String q = single(params, "q");
    if (q != null) {
      if (q.length() > 100) throw ProblemException.badRequest("q must be 1 to 100 characters");
      q = q.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      if (q.isEmpty()) throw ProblemException.badRequest("q must be 1 to 100 characters");
    }
    Integer min = priceParam(params, "minPrice");
    Integer max = priceParam(params, "maxPrice");
    if (min != null && max != null && min > max) {
      throw ProblemException.badRequest("minPrice must not be greater than maxPrice");
    }
    String sort = single(params, "sort");
    return new ProductListQuery(category, q, min, max, sort == null ? Sort.POPULARITY : Sort.of(sort),
        intParam(params, "page", 1, MAX_PAGE, 1), intParam(params, "size", 1, MAX_SIZE, 20));
  }

  /** The canonical form: equal queries share one cache entry whatever the parameter order. */
  public String cacheKey() {
    return "c=" + (category == null ? "" : category) + "&min=" + (minPriceCents == null ? "" : minPriceCents)
        + "&max=" + (maxPriceCents == null ? "" : maxPriceCents) + "&s=" + sort.param + "&p=" + page
        + "&n=" + size + "&q=" + (q == null ? "" : q);
  }

  public int offset() {
    return (page - 1) * size;
  }

  private static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) return null;
    if (values.size() > 1) throw ProblemException.badRequest(name + " must be given at most once");
    return values.get(0);
  }

  private static Integer intParam(MultiMap params, String name, int min, int max, Integer fallback) {
    String raw = single(params, name);
    if (raw == null) return fallback;
    long value;
    try {
      value = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name + " must be an integer");
    }
    if (value < min || value > max) {
      throw ProblemException.badRequest(name + " must be between " + min + " and " + max);
    }
    return (int) value;
  }

  private static Integer priceParam(MultiMap params, String name) {
    String raw = single(params, name);
    if (raw == null) return null;
    // A plain decimal only: exponents like 1e-99999999 would make BigDecimal work for minutes.
    if (!PRICE.matcher(raw.trim()).matches()) {
      throw ProblemException.badRequest(name + " must be a number with at most two decimals");
    }
    BigDecimal value = new BigDecimal(raw.trim());
    if (value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw ProblemException.badRequest(name + " must be between 0 and 1000000");
    }
    return value.movePointRight(2).intValueExact();
  }
}
