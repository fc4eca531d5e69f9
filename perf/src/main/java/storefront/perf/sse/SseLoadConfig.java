package storefront.perf.sse;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** What one SSE load run does, read once from system properties (`-Dstreams=10000`). */
public record SseLoadConfig(
    String baseUrl,
    String managementUrl,
    String adminEmail,
    String adminPassword,
    int streams,
    int connectRate,
    int connectTimeoutSeconds,
    int lanes,
    List<String> localAddresses,
    int changesPerSecond,
    int durationSeconds,
    int drainSeconds,
    int products,
    long seed,
    int p99Ms,
    int heapMb) {

  public SseLoadConfig {
    localAddresses = List.copyOf(localAddresses);
    require(!baseUrl.isBlank(), "baseUrl is required");
    require(!managementUrl.isBlank(), "managementUrl is required");
    require(!adminEmail.isBlank(), "adminEmail is required (the server's ADMIN_EMAIL)");
    require(!adminPassword.isBlank(), "adminPassword is required (the server's ADMIN_PASSWORD)");
    require(streams >= 1, "streams must be at least 1");
    require(connectRate >= 1, "connectRate must be at least 1");
    require(connectTimeoutSeconds >= 1, "connectTimeoutSeconds must be at least 1");
    require(lanes >= 1 && lanes <= streams, "lanes must be between 1 and streams");
    require(changesPerSecond >= 1 && changesPerSecond <= 1_000, "changesPerSecond must be 1..1000");
    require(durationSeconds >= 1, "duration must be at least 1");
    require(drainSeconds >= 0, "drainSeconds must not be negative");
    require(products >= 1, "products must be at least 1");
    require(plannedChanges() <= StockPlan.MAX_CHANGES, "changesPerSecond x duration must be at most "
        + StockPlan.MAX_CHANGES + " (each change gets its own stock level)");
    require(p99Ms >= 1 && heapMb >= 1, "p99Ms and heapMb must be positive");
  }

  public static SseLoadConfig fromSystemProperties() {
    return from(System::getProperty);
  }

  /** {@code property} answers a name with its value, or null when it is not set. */
  static SseLoadConfig from(UnaryOperator<String> property) {
    Props p = new Props(property);
    return new SseLoadConfig(
        p.text("baseUrl", "http://127.0.0.1:8080"),
        p.text("managementUrl", "http://127.0.0.1:9090"),
        p.text("adminEmail", ""),
        p.text("adminPassword", ""),
        p.integer("streams", 10_000),
        p.integer("connectRate", 1_000),
        p.integer("connectTimeoutSeconds", 30),
        p.integer("lanes", 1),
        Arrays.stream(p.text("localAddresses", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
        p.integer("changesPerSecond", 5),
        p.integer("duration", 60),
        p.integer("drainSeconds", 5),
        p.integer("products", 10_000),
        p.integer("seed", 42),
        p.integer("p99Ms", 1_000),
        p.integer("heapMb", 512));
  }

  int plannedChanges() {
    return changesPerSecond * durationSeconds;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private record Props(UnaryOperator<String> property) {
    String text(String name, String fallback) {
      String value = property.apply(name);
      return value == null ? fallback : value.trim();
    }

    int integer(String name, int fallback) {
      String value = text(name, null);
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
      }
    }
  }
}
