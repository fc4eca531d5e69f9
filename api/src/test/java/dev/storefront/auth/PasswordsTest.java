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
  void longPasswordsAreUsedWholeNotTruncated() {
    String longOne = "x".repeat(127) + "A";
    String hash = hasher.hash(longOne);
    assertThat(hasher.verify("x".repeat(127) + "B", hash)).isFalse();
    assertThat(hasher.verify(longOne, hash)).isTrue();
  }

  @Test
  void policyRefusesShortLongAndCommonPasswords() {
    assertThat(policy.size()).isEqualTo(3000);
    policy.check("eight ch");
    policy.check("y".repeat(128));
    assertWeak("seven c");
    assertWeak("y".repeat(129));
    assertWeak("password1");
    assertWeak("PASSWORD1");
    assertWeak("qwertyuiop");
  }

  private void assertWeak(String password) {
    assertThatThrownBy(() -> policy.check(password)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo("weak-password"));
  }
}
