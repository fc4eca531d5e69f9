package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;

/** The hand-written listing and price parsers: a 400 or a query within the contract's bounds. */
class ProductListQueryFuzzTest {
  /** The input as a decoded query string, "name=value&name=value": the seed files read as such. */
  private static MultiMap params(byte[] input) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : new String(input, StandardCharsets.UTF_8).split("&", -1)) {
      if (pair.isEmpty()) continue;
      String[] nv = pair.split("=", 2);
      params.add(nv[0], nv.length > 1 ? nv[1] : "");
    }
    return params;
  }

  @FuzzTest(maxDuration = "5s")
  void listingQueriesAreRefusedWithA400OrKeepEveryBound(byte[] input) {
    MultiMap params = params(input);
    ProductListQuery q;
    try {
      q = ProductListQuery.parse(params);
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains(":");
      return;
    }
    assertThat(q.page()).isBetween(1, ProductListQuery.MAX_PAGE);
    assertThat(q.size()).isBetween(1, ProductListQuery.MAX_SIZE);
    if (q.category() != null) assertThat(q.category()).isPositive();
    if (q.minPriceCents() != null) assertThat(q.minPriceCents()).isBetween(0, Prices.MAX_CENTS);
    if (q.maxPriceCents() != null) assertThat(q.maxPriceCents()).isBetween(0, Prices.MAX_CENTS);
    if (q.minPriceCents() != null && q.maxPriceCents() != null) assertThat(q.minPriceCents()).isLessThanOrEqualTo(q.maxPriceCents());
    if (q.q() != null) {
      assertThat(q.q()).isNotEmpty().isEqualTo(q.q().trim());
      assertThat(q.q().codePointCount(0, q.q().length())).isLessThanOrEqualTo(100);
    }
    assertThat(q.offset()).isNotNegative();
    assertThat(ProductListQuery.parse(params).cacheKey()).isEqualTo(q.cacheKey());
  }

  @FuzzTest(maxDuration = "5s")
  void listingPricesRoundTripThroughCents(byte[] input) {
    String raw = new String(input, StandardCharsets.UTF_8);
    Integer cents;
    try {
      cents = Prices.fromQuery("minPrice", raw);
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).startsWith("minPrice: ");
      return;
    }
    assertThat(cents).isBetween(0, Prices.MAX_CENTS);
    String written = cents / 100 + "." + String.format("%02d", cents % 100);
    assertThat(Prices.fromQuery("minPrice", written)).isEqualTo(cents);
    assertThat(new java.math.BigDecimal(raw).movePointRight(2).intValueExact()).isEqualTo(cents);
  }

  @FuzzTest(maxDuration = "5s")
  void adminPricesAreExactWholeCentsOrA400(byte[] body) {
    Integer cents;
    try {
      cents = Prices.fromJson(body, "price");
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    if (cents == null) return;
    assertThat(cents).isBetween(1, Prices.MAX_CENTS);
    String written = cents / 100 + "." + String.format("%02d", cents % 100);
    assertThat(Prices.fromJson(("{\"price\":" + written + "}").getBytes(StandardCharsets.UTF_8), "price")).isEqualTo(cents);
  }
}
