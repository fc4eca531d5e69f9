package dev.storefront.config;

import java.util.Map;
import java.util.function.Function;

/** Typed reads of environment-style settings with defaults and bounds. */
final class Env {
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  String string(String name, String fallback) {
    String v = values.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  String optional(String name) {
    return string(name, null);
  }

  boolean bool(String name, boolean fallback) {
    String raw = optional(name);
    if (raw == null) return fallback;
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(name, "'" + raw + "' is not true or false");
    };
  }

  int integer(String name, int fallback, int min, int max) {
    return (int) number(name, fallback, min, max, Long::parseLong);
  }

  long longValue(String name, long fallback, long min, long max) {
    return number(name, fallback, min, max, Long::parseLong);
  }

  double decimal(String name, double fallback, double min, double max) {
    String raw = optional(name);
    if (raw == null) return fallback;
    double v;
    try {
      v = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + raw + "' is not a number");
    }
    if (v < min || v > max) throw new ConfigException(name, v + " is outside " + min + ".." + max);
    return v;
  }

  private long number(String name, long fallback, long min, long max, Function<String, Long> parse) {
    String raw = optional(name);
    if (raw == null) return fallback;
    long v;
    try {
      v = parse.apply(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + raw + "' is not an integer");
    }
    if (v < min || v > max) throw new ConfigException(name, v + " is outside " + min + ".." + max);
    return v;
  }
}
