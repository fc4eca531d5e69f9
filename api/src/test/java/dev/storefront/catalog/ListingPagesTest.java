package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hasNext and bounded totals at the edges: first, last and past-the-end pages, empty results. */
class ListingPagesTest {
  static final int BOUND = 100;
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("listing_pages", Map.of("LISTING_EXACT_TOTAL_UP_TO", Integer.toString(BOUND)));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static JsonObject list(String query) {
    return valid("listProducts", t.get("/api/v1/products?" + query)).bodyAsJsonObject();
  }

  @Test
  void hasNextIsTrueUntilTheLastPageAndFalseOnIt() {
    JsonObject whole = list("category=11&size=100");
    int total = whole.getInteger("total");
    assertThat(whole.getBoolean("totalExact")).isTrue();
    assertThat(total).isBetween(3, BOUND - 1);
    int size = 2;
    int last = (total + size - 1) / size;
    assertThat(list("category=11&size=" + size + "&page=1").getBoolean("hasNext")).isTrue();
    JsonObject lastPage = list("category=11&size=" + size + "&page=" + last);
    assertThat(lastPage.getBoolean("hasNext")).isFalse();
    assertThat(lastPage.getJsonArray("items")).hasSize(total - (last - 1) * size);
    JsonObject past = list("category=11&size=" + size + "&page=" + (last + 1));
    assertThat(past.getJsonArray("items")).isEmpty();
    assertThat(past.getBoolean("hasNext")).isFalse();
  }

  @Test
  void aPageEndingExactlyAtTheLastProductHasNoNext() {
    int total = list("category=11&size=100").getInteger("total");
    JsonObject exact = list("category=11&size=" + total);
    assertThat(exact.getJsonArray("items")).hasSize(total);
    assertThat(exact.getBoolean("hasNext")).isFalse();
    assertThat(list("category=11&size=" + (total - 1)).getBoolean("hasNext")).isTrue();
  }

  @Test
  void anEmptyResultHasNoNextAndAnExactZero() {
    JsonObject none = list("q=zeppelin");
    assertThat(none.getJsonArray("items")).isEmpty();
    assertThat(none.getBoolean("hasNext")).isFalse();
    assertThat(none.getLong("total")).isZero();
    assertThat(none.getBoolean("totalExact")).isTrue();
  }

  @Test
  void totalsPastTheBoundSayMoreThanTheBound() {
    JsonObject all = list("size=100");
    assertThat(all.getLong("total")).isEqualTo(BOUND);
    assertThat(all.getBoolean("totalExact")).isFalse();
    assertThat(all.getBoolean("hasNext")).isTrue();
    // Paging still reaches every product: the bound limits counting, not pages.
    JsonObject third = list("size=100&page=3");
    assertThat(third.getJsonArray("items")).hasSize(TestApp.PRODUCTS - 200);
    assertThat(third.getBoolean("hasNext")).isFalse();
  }
}
