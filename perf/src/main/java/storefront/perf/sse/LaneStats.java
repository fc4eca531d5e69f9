package storefront.perf.sse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** What the streams of one lane counted; touched only on that lane's event loop. */
final class LaneStats {
  // Lags above an hour are recorded as an hour: the run has failed long before that.
  private static final long HIGHEST_LAG_MICROS = TimeUnit.HOURS.toMicros(1);

  final Histogram lagMicros = new Histogram(HIGHEST_LAG_MICROS, 3);
  final Map<String, Integer> connectFailures = new TreeMap<>();
  final Map<String, Integer> drops = new TreeMap<>();
  long duplicated;
  long outOfOrder;
  long unexpected;
  long malformed;
  long earlyLag;

  void recordLag(long micros) {
    if (micros < 0) {
      earlyLag++; // received before its commit time: clocks disagree; counted, recorded as 0
    }
    lagMicros.recordValue(Math.min(HIGHEST_LAG_MICROS, Math.max(0, micros)));
  }

  void connectFailed(String reason) {
    connectFailures.merge(reason, 1, Integer::sum);
  }

  void dropped(String reason) {
    drops.merge(reason, 1, Integer::sum);
  }
}
