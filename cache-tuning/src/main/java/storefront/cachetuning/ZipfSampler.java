package storefront.cachetuning;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Samples ranks 0..n-1 with Zipf popularity: P(rank r) is proportional to 1 / (r + 1)^s.
 * Rank 0 is the most popular item. Sampling is an inverse-CDF binary search, O(log n).
 */
public final class ZipfSampler {

    private final double[] cdf;
    private final double exponent;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("Zipf needs at least one item, got " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be a finite number >= 0, got " + exponent);
        }
        this.exponent = exponent;
        this.cdf = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1.0 / Math.pow(r + 1, exponent);
            cdf[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cdf[r] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    public int size() {
        return cdf.length;
    }

    public double exponent() {
        return exponent;
    }

    /** Draws one rank in [0, size()). */
    public int sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        // Exact hit: cdf[i] == u, so the item is the first with cdf > u, i.e. i + 1 (skipping ties).
        int idx = i >= 0 ? i + 1 : -i - 1;
        while (idx < cdf.length - 1 && cdf[idx] <= u) {
            idx++;
        }
        return Math.min(idx, cdf.length - 1);
    }

    /** Probability of drawing the given 0-based rank. */
    public double probability(int rank) {
        return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
    }

    /**
     * Expected number of distinct ranks seen in {@code draws} independent samples:
     * sum over ranks of 1 - (1 - p)^draws. With no expiry and no eviction this is the
     * expected number of cache misses (one per key).
     */
    public double expectedDistinct(long draws) {
        double total = 0;
        for (int r = 0; r < cdf.length; r++) {
            double p = probability(r);
            total += p >= 1.0 ? 1.0 : -Math.expm1(draws * Math.log1p(-p));
        }
        return total;
    }
}
