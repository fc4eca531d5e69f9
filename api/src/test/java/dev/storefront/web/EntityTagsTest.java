package dev.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
  @Test
  void ifNoneMatchComparesWeaklyAndAcceptsListsAndStar() {
    assertThat(EntityTags.anyMatches("\"a\"", "\"a\"")).isTrue();
    assertThat(EntityTags.anyMatches("W/\"a\"", "\"a\"")).isTrue();
    assertThat(EntityTags.anyMatches("\"b\" , \"a\"", "\"a\"")).isTrue();
    assertThat(EntityTags.anyMatches("*", "\"a\"")).isTrue();
    assertThat(EntityTags.anyMatches("\"b\"", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("a", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("*", null)).isFalse();
  }

  @Test
  void ifNoneMatchIsReadTagByTagForACommaMaySitInsideATag() {
    assertThat(EntityTags.anyMatches("\"x\", \"a,b\"", "\"a,b\"")).isTrue();
    assertThat(EntityTags.anyMatches("W/\"a,b\"", "\"a,b\"")).isTrue();
    assertThat(EntityTags.anyMatches("\"a,b\"", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches(",, \t\"a\" ,", "\"a\"")).isTrue();
    assertThat(EntityTags.anyMatches("\"x\" \"a\"", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("\"a\"x, \"b\"", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("*x", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("\"a", "\"a\"")).isFalse();
    assertThat(EntityTags.anyMatches("\"a, \"b\"", "\"b\"")).isTrue();
    assertThat(EntityTags.anyMatches("", "\"a\"")).isFalse();
  }

  @Test
  void gzipIsTakenOnlyWhenAllowedWithANonZeroWeight() {
    assertThat(EntityTags.acceptsGzip("gzip")).isTrue();
    assertThat(EntityTags.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(EntityTags.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(EntityTags.acceptsGzip("*")).isTrue();
    assertThat(EntityTags.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(EntityTags.acceptsGzip("gzip;q=0.000, *")).isFalse();
    assertThat(EntityTags.acceptsGzip("*;q=0")).isFalse();
    assertThat(EntityTags.acceptsGzip("identity")).isFalse();
    assertThat(EntityTags.acceptsGzip("gzip;q=x")).isFalse();
    assertThat(EntityTags.acceptsGzip("")).isFalse();
    assertThat(EntityTags.acceptsGzip(null)).isFalse();
  }
}
