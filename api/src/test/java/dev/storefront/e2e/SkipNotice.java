package dev.storefront.e2e;

/** Prints why the browser suite is not running where a Maven user sees it. */
final class SkipNotice {
  private SkipNotice() {}

  static void print(String why) {
    System.out.println("[WARNING] " + why);
  }
}
