package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.web.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  private final PasswordHasher hasher = new PasswordHasher();
  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void hashesAreArgon2idAtOwaspStrengthAndSalted() {
    String hash = hasher.hash("correct horse battery staple");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher.verify("anything", null)).as("the dummy hash never matches").isFalse();
  }

  @Test
  void onlyHashesWeakerThanTodaysParametersAreOutdated() {
    assertThat(PasswordHasher.isWeakerThanCurrent(hasher.hash("correct horse battery staple"))).isFalse();
    assertThat(PasswordHasher.isWeakerThanCurrent(hasher.hash("correct horse", 8192, 2, 1))).isTrue();
    assertThat(PasswordHasher.isWeakerThanCurrent(hasher.hash("correct horse", 19456, 1, 1))).isTrue();
    assertThat(PasswordHasher.isWeakerThanCurrent(hasher.hash("correct horse", 32768, 3, 1))).as("stronger stays").isFalse();
    assertThat(hasher.verify("correct horse", hasher.hash("correct horse", 8192, 1, 1))).isTrue();
    assertThat(PasswordHasher.isWeakerThanCurrent(null)).isFalse();
  }

  @Test
  void longPasswordsAreUsedWholeNotTruncated() {
    String longOne = "x".repeat(127) + "A";
    String hash = hasher.hash(longOne);
    assertThat(hasher.verify("x".repeat(127) + "B", hash)).isFalse();
    assertThat(hasher.verify(longOne, hash)).isTrue();
  }

  @Test
  void policyRefusesShortLongAndCommonPasswords() {
    assertThat(policy.size()).isEqualTo(3000);
    assertThat(policy.accept("eight ch")).isEqualTo("eight ch");
    policy.accept("y".repeat(128));
    assertWeak("seven c");
    assertWeak("y".repeat(129));
    assertWeak("password1");
    assertWeak("PASSWORD1");
    assertWeak("qwertyuiop");
  }

  @Test
  void blankPasswordsAreRefusedWhateverTheirSpaces() {
    assertWeak(" ".repeat(8));
    assertWeak("\t".repeat(10));
    assertWeak("\u00a0".repeat(8));
    assertWeak("\u3000".repeat(8));
    assertWeak("\u2003\u2009\u200a\u202f\u205f\u1680\u2028\u2029");
    assertWeak("\u200b".repeat(12));
    assertWeak("\u200b\u200c\u200d\u2060\ufeff\u3164\u2800\u00ad");
    assertThat(policy.accept("  pass  phrase  ")).as("spaces inside and around a real password are kept").isEqualTo("  pass  phrase  ");
  }

  @Test
  void lengthAndCommonnessAreJudgedOnTheNormalisedForm() {
    assertWeak("e\u0301".repeat(4)); // 8 code points typed, 4 letters (\u00e9) once composed
    assertWeak("\u1100\u1161".repeat(4)); // conjoining jamo: 4 Hangul syllables
    assertWeak("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11"); // fullwidth "password1"
    assertWeak("\uff31\uff37\uff25\uff32\uff34\uff39\uff35\uff29\uff2f\uff30"); // fullwidth "QWERTYUIOP"
    assertThat(policy.accept("\uff53\uff54\uff55\uff52\uff44\uff59\u3000\uff50\uff41\uff53\uff53"))
        .as("what is hashed is the plain form").isEqualTo("sturdy pass");
    assertThat(policy.accept("cafe\u0301 au lait")).isEqualTo("caf\u00e9 au lait");
  }

  @Test
  void refusalsNameTheField() {
    assertThatThrownBy(() -> policy.accept("        ")).hasMessageStartingWith("password: ");
    assertThatThrownBy(() -> policy.accept("password1")).hasMessageStartingWith("password: ");
    assertThatThrownBy(() -> policy.accept("short")).hasMessageStartingWith("password: ");
  }

  private void assertWeak(String password) {
    assertThatThrownBy(() -> policy.accept(password)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo("weak-password"));
  }
}
