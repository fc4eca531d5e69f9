package storefront.perf.sse;

/**
 * Which of the run's changes one stream has received, and whether event ids kept increasing:
 * one bit per planned change, so ten thousand streams of a 300-change run hold 375 KB.
 */
final class StreamDeliveries {

  enum Outcome {
    FIRST,
    /** First delivery of its change, but its id is not above every id seen before. */
    FIRST_OUT_OF_ORDER,
    DUPLICATE
  }

  private final long[] seen;
  private long highestId = Long.MIN_VALUE;

  StreamDeliveries(int changes) {
    seen = new long[(changes + 63) >>> 6];
  }

  Outcome record(int change, long id) {
    long bit = 1L << change;
    int word = change >>> 6;
    if ((seen[word] & bit) != 0) {
      return Outcome.DUPLICATE;
    }
    seen[word] |= bit;
    if (id > highestId) {
      highestId = id;
      return Outcome.FIRST;
    }
    return Outcome.FIRST_OUT_OF_ORDER;
  }

  boolean received(int change) {
    return (seen[change >>> 6] & (1L << change)) != 0;
  }

  /** How many of the {@code confirmed} changes never arrived. */
  int missing(boolean[] confirmed) {
    int missing = 0;
    for (int change = 0; change < confirmed.length; change++) {
      if (confirmed[change] && !received(change)) {
        missing++;
      }
    }
    return missing;
  }
}
