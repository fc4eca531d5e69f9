package storefront.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZipfTest {

  private static final int N = 10_000;
  private static final int SAMPLES = 1_000_000;
  private final Zipf zipf = new Zipf(N, 1.0);

  @Test
  void sameSeedGivesSameSequence() {
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    int[] first = IntStream.range(0, 10_000).map(i -> zipf.sample(a)).toArray();
    int[] second = IntStream.range(0, 10_000).map(i -> zipf.sample(b)).toArray();
    assertThat(first).isEqualTo(second);
  }

  @Test
  void harmonicNumberMatchesItsAsymptoticExpansion() {
    // H(n) ~ ln n + gamma + 1/(2n) - 1/(12n^2)
    double expected = Math.log(N) + 0.5772156649015329 + 1.0 / (2 * N) - 1.0 / (12.0 * N * N);
    assertThat(Zipf.harmonic(N, 1.0)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void frequenciesOfTopRanksMatchTheory() {
    int[] counts = histogram(new SplittableRandom(42));
    double rank1 = 1.0 / Zipf.harmonic(N, 1.0); // about 0.102
    // One standard deviation of a frequency here is about 0.0003; 0.002 leaves a wide margin.
    assertThat(counts[1] / (double) SAMPLES).isCloseTo(rank1, within(0.002));
    assertThat(counts[2] / (double) SAMPLES).isCloseTo(rank1 / 2, within(0.002));
    assertThat(counts[10] / (double) SAMPLES).isCloseTo(rank1 / 10, within(0.001));
    assertThat(zipf.probability(1)).isCloseTo(rank1, within(1e-12));
  }

  @Test
  void everySampleIsInRangeAndTheTailIsReached() {
    int[] counts = histogram(new SplittableRandom(1));
    assertThat(IntStream.of(counts).sum()).isEqualTo(SAMPLES);
    long ranksAbove5000 = IntStream.rangeClosed(5001, N).filter(k -> counts[k] > 0).count();
    assertThat(ranksAbove5000).isGreaterThan(2500);
  }

  @Test
  void boundariesMapToFirstAndLastRank() {
    assertThat(zipf.rankAt(0.0)).isEqualTo(1);
    assertThat(zipf.rankAt(Math.nextDown(1.0))).isEqualTo(N);
    // Exactly on P(X <= 1), u belongs to rank 2 (ranks own the half-open interval [cdf(k-1), cdf(k))).
    assertThat(zipf.rankAt(zipf.probability(1))).isEqualTo(2);
    assertThat(zipf.rankAt(Math.nextDown(zipf.probability(1)))).isEqualTo(1);
  }

  @Test
  void probabilitiesSumToOne() {
    double total = IntStream.rangeClosed(1, N).mapToDouble(zipf::probability).sum();
    assertThat(total).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void exponentZeroIsUniform() {
    Zipf uniform = new Zipf(4, 0.0);
    assertThat(uniform.rankAt(0.0)).isEqualTo(1);
    assertThat(uniform.rankAt(0.26)).isEqualTo(2);
    assertThat(uniform.rankAt(0.51)).isEqualTo(3);
    assertThat(uniform.rankAt(0.99)).isEqualTo(4);
  }

  @Test
  void rejectsInvalidArguments() {
    assertThatThrownBy(() -> new Zipf(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Zipf(10, -1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Zipf(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> zipf.rankAt(1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> zipf.rankAt(-0.1)).isInstanceOf(IllegalArgumentException.class);
  }

  private int[] histogram(SplittableRandom random) {
    int[] counts = new int[N + 1];
    for (int i = 0; i < SAMPLES; i++) {
      int rank = zipf.sample(random);
      if (rank < 1 || rank > N) {
        throw new AssertionError("rank out of range: " + rank);
      }
      counts[rank]++;
    }
    return counts;
  }
}
