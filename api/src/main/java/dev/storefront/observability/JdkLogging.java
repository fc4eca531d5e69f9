package dev.storefront.observability;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging records, and with them System.Logger records (the JDK's default
 * System.Logger writes to java.util.logging), to SLF4J and so to logback: libraries that log
 * that way (Caffeine, parts of Micrometer) would otherwise print plain multi-line text on stderr
 * among the JSON lines.
 */
public final class JdkLogging {
  private JdkLogging() {}

  public static synchronized void routeToSlf4j() {
    if (SLF4JBridgeHandler.isInstalled()) return;
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
