package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Product slugs: ASCII, readable for Latin names in any language, never empty. */
class ProductSlugTest {
  @Test
  void accentsAndCompatibilityFormsFoldToTheirBaseLetters() {
    assertThat(ProductJson.slug("Crème Brûlée Dish", 1)).isEqualTo("creme-brulee-dish-1");
    assertThat(ProductJson.slug("Ｆｉｎｅ ﬁr Table №5", 2)).isEqualTo("fine-fir-table-no5-2");
    assertThat(ProductJson.slug("Ærø Straße Łódź Œuvre", 3)).isEqualTo("aero-strasse-lodz-oeuvre-3");
    assertThat(ProductJson.slug("İstanbul Lamp", 8)).isEqualTo("istanbul-lamp-8");
  }

  @Test
  void namesWithoutLatinLettersOrDigitsStillGetASlug() {
    assertThat(ProductJson.slug("Чайник", 4)).isEqualTo("product-4");
    assertThat(ProductJson.slug("茶壶 2", 5)).isEqualTo("2-5");
    assertThat(ProductJson.slug("  --  ", 6)).isEqualTo("product-6");
  }

  @Test
  void everySlugIsLowerCaseAsciiWordsJoinedByDashes() {
    for (String name : new String[] {"Ünïcödé  — Lamp!", "a\u0301\u0301b", "Ǆemal", "Ꭺpple", "İstanbul Lamp"}) {
      assertThat(ProductJson.slug(name, 7)).as(name).matches("[a-z0-9]+(-[a-z0-9]+)*-7");
    }
  }
}
