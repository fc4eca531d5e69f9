package dev.storefront.e2e;

/**
 * Notes in the test output why part of the browser suite is not running. Surefire keeps test output
 * in target/surefire-reports/; the build's own WARNING comes from the check in api/pom.xml.
 */
final class SkipNotice {
  private SkipNotice() {}

  static void print(String why) {
    System.out.println("[WARNING] " + why);
  }
}
