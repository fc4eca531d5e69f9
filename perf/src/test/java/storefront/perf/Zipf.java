package storefront.perf;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Zipf distribution over ranks {@code 1..n}: {@code P(k) = k^-s / H(n, s)}.
 *
 * <p>The cumulative distribution is computed once, so a sample costs one uniform draw and a binary
 * search (about 14 steps for 10,000 ranks), cheap enough to call for every request of a load test.
 * The table is immutable and safe to share; randomness comes from the caller's generator, so a
 * seeded generator gives the same sequence on every run.
 */
public final class Zipf {

  private final double exponent;
  private final double normalizer;
  private final double[] cdf;

  public Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
    if (!(exponent >= 0.0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("exponent must be finite and >= 0, was " + exponent);
    }
    this.exponent = exponent;
    this.cdf = new double[n];
    double sum = 0.0;
    for (int k = 1; k <= n; k++) {
      sum += Math.pow(k, -exponent);
      cdf[k - 1] = sum;
    }
    this.normalizer = sum;
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    // Rounding may leave the last entry a hair below 1; pin it so every u in [0, 1) maps to a rank.
    cdf[n - 1] = 1.0;
  }

  /** Number of ranks. */
  public int size() {
    return cdf.length;
  }

  /** Generalised harmonic number {@code H(n, s) = sum_{k=1..n} k^-s}. */
  public static double harmonic(int n, double exponent) {
    double sum = 0.0;
    for (int k = 1; k <= n; k++) {
      sum += Math.pow(k, -exponent);
    }
    return sum;
  }

  /** Theoretical probability of {@code rank}. */
  public double probability(int rank) {
    if (rank < 1 || rank > cdf.length) {
      throw new IllegalArgumentException("rank out of 1.." + cdf.length + ": " + rank);
    }
    return Math.pow(rank, -exponent) / normalizer;
  }

  /** Maps a uniform {@code u} in [0, 1) to the smallest rank whose cumulative probability exceeds u. */
  public int rankAt(double u) {
    if (!(u >= 0.0 && u < 1.0)) {
      throw new IllegalArgumentException("u must be in [0, 1), was " + u);
    }
    int i = Arrays.binarySearch(cdf, u);
    // Exact hit: cdf[i] == u, so P(X <= i + 1) is not > u and the answer is the next rank.
    // Miss: the insertion point is the first index with cdf > u.
    int index = i >= 0 ? i + 1 : -i - 1;
    return Math.min(index, cdf.length - 1) + 1;
  }

  /** Draws one rank in {@code 1..size()}. */
  public int sample(RandomGenerator random) {
    return rankAt(random.nextDouble());
  }
}
