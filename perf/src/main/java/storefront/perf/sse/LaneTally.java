package storefront.perf.sse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a group of streams once the changes are over; lanes add up into one.
 * {@code expected} is open streams x confirmed changes; {@code delivered} counts first deliveries
 * of those, so {@code delivered + missing == expected}.
 */
record LaneTally(
    int requested,
    int opened,
    int stillOpen,
    Map<String, Integer> connectFailures,
    Map<String, Integer> drops,
    long expected,
    long delivered,
    long missing,
    long duplicated,
    long outOfOrder,
    long unexpected,
    long malformed,
    long earlyLag,
    Histogram lagMicros) {

  static LaneTally of(int requested, List<SseStream> opened, boolean[] confirmed, LaneStats stats) {
    int confirmedCount = 0;
    for (boolean c : confirmed) {
      confirmedCount += c ? 1 : 0;
    }
    long missing = 0;
    int stillOpen = 0;
    for (SseStream stream : opened) {
      missing += stream.deliveries.missing(confirmed);
      stillOpen += stream.isOpen() ? 1 : 0;
    }
    long expected = (long) opened.size() * confirmedCount;
    return new LaneTally(requested, opened.size(), stillOpen, new TreeMap<>(stats.connectFailures),
        new TreeMap<>(stats.drops), expected, expected - missing, missing, stats.duplicated,
        stats.outOfOrder, stats.unexpected, stats.malformed, stats.earlyLag, stats.lagMicros.copy());
  }

  LaneTally plus(LaneTally other) {
    Histogram lag = lagMicros.copy();
    lag.add(other.lagMicros);
    return new LaneTally(requested + other.requested, opened + other.opened,
        stillOpen + other.stillOpen, merge(connectFailures, other.connectFailures),
        merge(drops, other.drops), expected + other.expected, delivered + other.delivered,
        missing + other.missing, duplicated + other.duplicated, outOfOrder + other.outOfOrder,
        unexpected + other.unexpected, malformed + other.malformed, earlyLag + other.earlyLag, lag);
  }

  int failed() {
    return requested - opened;
  }

  private static Map<String, Integer> merge(Map<String, Integer> a, Map<String, Integer> b) {
    Map<String, Integer> merged = new TreeMap<>(a);
    b.forEach((reason, count) -> merged.merge(reason, count, Integer::sum));
    return merged;
  }
}
