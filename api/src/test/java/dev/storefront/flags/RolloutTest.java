package dev.storefront.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutTest {
  @Test
  void theBucketIsSha256OfFlagAndSubjectModulo100() throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
        .digest("pointsBadge:visitor:abcdefgh".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long first8 = java.nio.ByteBuffer.wrap(digest).getLong();
    assertThat(Rollout.bucket("pointsBadge", "visitor:abcdefgh")).isEqualTo(Long.remainderUnsigned(first8, 100));
  }

  @Test
  void bucketsStayIn0To99AndSpreadOverThemAll() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      int b = Rollout.bucket("f", "visitor:" + i);
      assertThat(b).isBetween(0, 99);
      seen.add(b);
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void theSameSubjectGetsTheSameAnswerAndFlagsAreIndependent() {
    FlagSet.Flag half = new FlagSet.Flag(true, 50);
    for (int i = 0; i < 200; i++) {
      String subject = "visitor:v" + i;
      assertThat(Rollout.isOn("a", half, subject)).isEqualTo(Rollout.isOn("a", half, subject));
    }
    long sameAnswer = IntStream.range(0, 1_000)
        .filter(i -> Rollout.isOn("a", half, "visitor:" + i) == Rollout.isOn("b", half, "visitor:" + i)).count();
    // Independent coins agree about half the time; the same coin would agree always.
    assertThat(sameAnswer).isBetween(400L, 600L);
  }

  @Test
  void aFiftyPercentRolloutReachesAboutHalfOfAThousandVisitors() {
    FlagSet.Flag half = new FlagSet.Flag(true, 50);
    long on = IntStream.range(0, 1_000).filter(i -> Rollout.isOn("pointsBadge", half, "visitor:" + i)).count();
    assertThat(on).isBetween(400L, 600L);
  }

  @Test
  void disabledZeroAndFullRolloutsAndAnonymousCallers() {
    assertThat(Rollout.isOn("f", new FlagSet.Flag(false, 100), "visitor:x")).isFalse();
    assertThat(Rollout.isOn("f", new FlagSet.Flag(true, 0), "visitor:x")).isFalse();
    assertThat(Rollout.isOn("f", new FlagSet.Flag(true, 100), null)).isTrue();
    assertThat(Rollout.isOn("f", new FlagSet.Flag(true, 99), null)).isFalse();
    long onAt99 = IntStream.range(0, 1_000).filter(i -> Rollout.isOn("f", new FlagSet.Flag(true, 99), "u" + i)).count();
    assertThat(onAt99).isBetween(970L, 999L);
  }

  @Test
  void aSetEvaluatesEveryFlagInItsOrder() {
    FlagSet set = new FlagSet(new java.util.LinkedHashMap<>(Map.of("on", new FlagSet.Flag(true, 100))));
    assertThat(set.evaluate(null)).containsExactly(Map.entry("on", true));
    assertThat(FlagSet.DEFAULTS.evaluate(null)).containsOnly(Map.entry("liveStockBanner", true), Map.entry("pointsBadge", true));
  }
}
