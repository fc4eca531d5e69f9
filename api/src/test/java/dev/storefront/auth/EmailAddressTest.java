package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.web.ProblemException;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

  private static void refused(String raw) {
    assertThatThrownBy(() -> EmailAddress.normalize(raw)).as(raw).isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("email: ").satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
  }

  @Test
  void lowerCasesAsciiAndKeepsThePlainForm() {
    assertThat(EmailAddress.normalize("Mixed.Case+Tag@Example.COM")).isEqualTo("mixed.case+tag@example.com");
    assertThat(EmailAddress.normalize("  alice@x.test ")).isEqualTo("alice@x.test");
  }

  @Test
  void lettersWhoseCaseJavaAndPostgresqlMapDifferentlyAreRefusedBeforeAnyHashing() {
    refused("\ua7c0x@example.com");
    refused("\u2c2fx@example.com");
    refused("\u0130stanbul@example.com"); // dotted capital I: one more locale-dependent mapping
  }

  @Test
  void lookAlikesOfOneAddressEitherBecomeThatAddressOrAreRefused() {
    String alice = "alice@x.test";
    String[] lookAlikes = {"alice\u200b@x.test", "al\u200bice@x.test", "alice@x.test\u200b", "alice\u00a0@x.test",
        "al\u00a0ice@x.test", "\uff41lice@x.test", "alice\uff20x.test", "a\u0301lice@x.test", "\u00e1lice@x.test",
        "alice@x\u3002test", "alice@\uff58.test", "\u0430lice@x.test", "alice\u2060@x.test", "alice\ufeff@x.test",
        "alice\u202e@x.test", "alice\u0000@x.test", "ALICE@X.TEST", "alice@x.test."};
    for (String raw : lookAlikes) {
      try {
        assertThat(EmailAddress.normalize(raw)).as(raw).isEqualTo(alice);
      } catch (ProblemException e) {
        assertThat(e.status()).as(raw).isEqualTo(400);
      }
    }
    // the visible look-alikes that normalise do so to the one address
    assertThat(EmailAddress.normalize("\uff41lice@x.test")).isEqualTo(alice);
    assertThat(EmailAddress.normalize("alice@x.test\u200b")).isEqualTo(alice);
    refused("a\u0301lice@x.test");
    refused("alice\u200b@x.test");
    refused("al\u00a0ice@x.test");
  }

  @Test
  void internationalisedDomainsAreKeptInTheirAsciiForm() {
    assertThat(EmailAddress.normalize("bob@B\u00fccher.Example")).isEqualTo("bob@xn--bcher-kva.example");
    assertThat(EmailAddress.normalize("bob@xn--bcher-kva.example")).isEqualTo("bob@xn--bcher-kva.example");
  }

  @Test
  void malformedAddressesAreRefused() {
    for (String raw : new String[] {"", "@", "a@", "@x.test", "a@@x.test", "a@b@x.test", "a..b@x.test", ".a@x.test",
        "a.@x.test", "a b@x.test", "\"a\"@x.test", "a@-x.test", "a@x_y.test", "a@x..test", "a@" + "x".repeat(64) + ".test",
        "a".repeat(65) + "@x.test", "a@" + "x.".repeat(130) + "test", "\ufdfa".repeat(300) + "@x.test"}) {
      refused(raw);
    }
    refused(null);
  }
}
