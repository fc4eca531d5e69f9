package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths the router would resolve differently from a handler or a cache reading them raw. */
class DotSegmentsTest {
  @Test
  void dotSegmentsInAnySpellingAndControlCharactersAreFound() {
    for (String path : new String[] {"/api/v1/products/7/../8", "/api/v1/products/7/%2e%2e/8", "/a/%2E/b", "/a/.%2e",
        "/a/.", "/..", "/api/v1/products/by-sku/%2e%2e", "/a/%2e", "/api/v1/pr\u0000oducts/7", "/api/v1/products/7\u007f"}) {
      assertThat(RequestGate.hasDotSegmentOrControl(path)).as(path).isTrue();
    }
  }

  @Test
  void dotsInsideNamesAreFine() {
    for (String path : new String[] {"/", "/api/v1/products/7", "/assets/app.3f2a1c.js", "/a/...", "/a/.b", "/a/b.",
        "/a/%2e%2e%2e", "/a/%2ex", "/sw.js", "/api/v1/products/by-slug/mr.-lamp-7"}) {
      assertThat(RequestGate.hasDotSegmentOrControl(path)).as(path).isFalse();
    }
  }
}
