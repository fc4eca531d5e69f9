package dev.storefront.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs end-to-end tests only where Chromium is installed (otherwise each is skipped by an
 * assumption saying so and how to run them; per test, because surefire does not count a class
 * skipped before its tests start), and hands them the storefront environment, started once for the
 * test JVM, and a fresh browser {@link Session} per test.
 */
final class E2eExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(E2eExtension.class);
  private static volatile boolean warned;

  @Override
  public void beforeEach(ExtensionContext context) {
    String why = Chromium.unavailable();
    if (why != null && !warned) {
      warned = true;
      SkipNotice.print(why);
    }
    Assumptions.assumeTrue(why == null, why);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Storefront.class || type == Session.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Storefront storefront = Storefront.shared();
    if (parameter.getParameter().getType() == Storefront.class) return storefront;
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    return context.getStore(NS).getOrComputeIfAbsent(Session.class, k -> storefront.session(name), Session.class);
  }

  static Path output() {
    return Path.of(System.getProperty("basedir", "."), "target", "e2e");
  }
}
