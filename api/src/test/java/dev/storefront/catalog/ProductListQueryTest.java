package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ProductListQueryTest {

  private static ProductListQuery parse(String... pairs) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) params.add(pairs[i], pairs[i + 1]);
    return ProductListQuery.parse(params);
  }

  @Test
  void defaultsToFirstPageOfTwentyByPopularity() {
    ProductListQuery q = parse();
    assertThat(q.page()).isEqualTo(1);
    assertThat(q.size()).isEqualTo(20);
    assertThat(q.sort()).isEqualTo(ProductListQuery.Sort.POPULARITY);
  }

  @Test
  void searchWordsRankByRelevanceUnlessAnotherOrderIsAsked() {
    assertThat(parse("q", "lamp").sort()).isEqualTo(ProductListQuery.Sort.RELEVANCE);
    assertThat(parse("q", "lamp", "sort", "price_asc").sort()).isEqualTo(ProductListQuery.Sort.PRICE_ASC);
    assertThat(parse("sort", "relevance").sort()).isEqualTo(ProductListQuery.Sort.POPULARITY);
    assertThat(parse("sort", "relevance").cacheKey()).isEqualTo(parse().cacheKey());
  }

  @Test
  void equalQueriesShareOneCacheKeyWhateverTheirSpelling() {
    assertThat(parse("q", "  Oak   Lamp ", "category", "3").cacheKey())
        .isEqualTo(parse("category", "3", "q", "oak lamp").cacheKey());
    assertThat(parse("minPrice", "10").cacheKey()).isEqualTo(parse("minPrice", "10.00").cacheKey());
    assertThat(parse("page", "2").cacheKey()).isNotEqualTo(parse("page", "3").cacheKey());
  }

  @Test
  void integersAreAnOptionalMinusAndUpToNineteenAsciiDigits() {
    for (String ok : new String[] {"0", "-0", "7", "-12", "0000000000000000001", "9999999999999999999"}) {
      assertThat(ProductListQuery.isInteger(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "-", "+1", " 1", "1 ", "1.0", "1e3", "--1", "0x1", "\u0661", "\uff11",
        "12345678901234567890"}) {
      assertThat(ProductListQuery.isInteger(bad)).as(bad).isFalse();
    }
    assertBad("page", () -> parse("page", "-0"));
    assertBad("page", () -> parse("page", "12345678901234567890"));
  }

  @Test
  void pricesBecomeCents() {
    ProductListQuery q = parse("minPrice", "12.5", "maxPrice", "99.99");
    assertThat(q.minPriceCents()).isEqualTo(1250);
    assertThat(q.maxPriceCents()).isEqualTo(9999);
  }

  @Test
  void badParametersAreClientErrorsNamingTheParameter() {
    assertBad("size", () -> parse("size", "100000"));
    assertBad("size", () -> parse("size", "0"));
    assertBad("page", () -> parse("page", "abc"));
    assertBad("sort", () -> parse("sort", "bogus"));
    assertBad("category", () -> parse("category", "-1"));
    assertBad("minPrice", () -> parse("minPrice", "cheap"));
    assertBad("minPrice", () -> parse("minPrice", "20", "maxPrice", "10"));
    assertBad("q", () -> parse("q", "   "));
    assertBad("q", () -> parse("q", "a" + " ".repeat(100) + "b"));
    assertBad("minPrice", () -> parse("minPrice", "1e-99999999"));
    assertBad("maxPrice", () -> parse("maxPrice", "1E+9"));
    assertBad("minPrice", () -> parse("minPrice", "12.345"));
    assertBad("minPrice", () -> parse("minPrice", "-1"));
    assertBad("sort", () -> parse("sort", "name", "sort", "price_asc"));
  }

  private static void assertBad(String param, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(ProblemException.class)
        .hasMessageContaining(param)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
  }
}
