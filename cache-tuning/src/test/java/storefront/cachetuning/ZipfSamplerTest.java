package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void probabilitiesFollowTheZipfLaw() {
        ZipfSampler zipf = new ZipfSampler(1000, 1.0);
        double harmonic = 0;
        for (int k = 1; k <= 1000; k++) {
            harmonic += 1.0 / k;
        }
        assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-12));
        assertThat(zipf.probability(9)).isCloseTo(1 / (10 * harmonic), within(1e-12));
        assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(2.0, within(1e-9));
        double sum = 0;
        for (int r = 0; r < zipf.size(); r++) {
            sum += zipf.probability(r);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void sampledFrequenciesMatchTheory() {
        int n = 100;
        int draws = 500_000;
        ZipfSampler zipf = new ZipfSampler(n, 1.0);
        long[] counts = new long[n];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(rng)]++;
        }
        double chiSquare = 0;
        for (int r = 0; r < n; r++) {
            double expected = draws * zipf.probability(r);
            double sigma = Math.sqrt(expected * (1 - zipf.probability(r)));
            assertThat(Math.abs(counts[r] - expected))
                    .as("rank %d: observed %d, expected %.0f", r, counts[r], expected)
                    .isLessThan(5 * sigma);
            chiSquare += (counts[r] - expected) * (counts[r] - expected) / expected;
        }
        // 99 degrees of freedom: P(chi2 > 160) is about 1e-4.
        assertThat(chiSquare).isLessThan(160);
        // The head of the distribution is within 1 % of theory.
        assertThat((double) counts[0] / draws).isCloseTo(zipf.probability(0), within(0.01 * zipf.probability(0)));
    }

    @Test
    void exponentZeroIsUniform() {
        ZipfSampler zipf = new ZipfSampler(50, 0.0);
        for (int r = 0; r < 50; r++) {
            assertThat(zipf.probability(r)).isCloseTo(0.02, within(1e-12));
        }
    }

    @Test
    void samplesStayInRange() {
        ZipfSampler zipf = new ZipfSampler(3, 2.5);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(zipf.sample(rng)).isBetween(0, 2);
        }
        assertThat(new ZipfSampler(1, 1.0).sample(rng)).isZero();
    }

    @Test
    void expectedDistinctMatchesClosedForms() {
        ZipfSampler uniform = new ZipfSampler(10, 0.0);
        assertThat(uniform.expectedDistinct(0)).isZero();
        assertThat(uniform.expectedDistinct(1)).isCloseTo(1.0, within(1e-9));
        assertThat(uniform.expectedDistinct(2)).isCloseTo(10 * (1 - 0.81), within(1e-9));
        assertThat(new ZipfSampler(10_000, 1.0).expectedDistinct(100_000_000)).isCloseTo(10_000, within(1.0));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
