package storefront.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BrowseMixTest {

  private static final int RECORDS = 200_000;

  @Test
  void sharesFollowTheWorkload() {
    Map<String, Integer> kinds = new HashMap<>();
    BrowseMix mix = new BrowseMix(42);
    for (int i = 0; i < RECORDS; i++) {
      kinds.merge((String) mix.next().get("kind"), 1, Integer::sum);
    }
    assertThat(kinds.get("pdp") / (double) RECORDS).isCloseTo(0.70, within(0.01));
    assertThat(kinds.get("plp") / (double) RECORDS).isCloseTo(0.25, within(0.01));
    assertThat(kinds.get("search") / (double) RECORDS).isCloseTo(0.05, within(0.01));
  }

  @Test
  void everyRecordHoldsValidParameters() {
    BrowseMix mix = new BrowseMix(3);
    for (int i = 0; i < RECORDS; i++) {
      Map<String, Object> r = mix.next();
      switch ((String) r.get("kind")) {
        case "pdp" -> assertThat((Integer) r.get("id")).isBetween(1, BrowseMix.PRODUCTS);
        case "plp" -> {
          assertThat((Integer) r.get("category")).isBetween(1, BrowseMix.CATEGORIES);
          assertThat(BrowseMix.SORTS).contains((String) r.get("sort"));
          assertThat((Integer) r.get("page")).isBetween(1, BrowseMix.PAGES);
        }
        case "search" -> assertThat(BrowseMix.WORDS).contains((String) r.get("q"));
        default -> throw new AssertionError("unexpected record " + r);
      }
    }
  }

  @Test
  void sameSeedGivesSameRecords() {
    BrowseMix a = new BrowseMix(9);
    BrowseMix b = new BrowseMix(9);
    List<Map<String, Object>> first = Stream.generate(a::next).limit(1_000).toList();
    List<Map<String, Object>> second = Stream.generate(b::next).limit(1_000).toList();
    assertThat(first).isEqualTo(second);
  }
}
