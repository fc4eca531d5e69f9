package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import dev.storefront.web.VisibleText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords are taken in their NFKC form (NIST SP 800-63B): fullwidth letters, ligatures, no-break
 * and ideographic spaces become their plain forms and combining sequences compose, so what a person
 * types on any keyboard is the same password, and its length is what it shows. That form must hold
 * 8 to 128 code points, used whole (no truncation), not only spaces or invisible characters, and not
 * one of the 3,000 most common passwords.
 */
public final class PasswordPolicy {
  public static final int MIN = 8;
  public static final int MAX = 128;
  private final Set<String> common;

  public PasswordPolicy() {
    this.common = load();
  }

  /** The form passwords are hashed and compared in. */
  public static String normalize(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFKC);
  }

  /** The normalised password, to be hashed; a 400 naming the field when the policy refuses it. */
  public String accept(String typed) {
    String password = normalize(typed == null ? "" : typed);
    int length = password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      throw weak("must be " + MIN + " to " + MAX + " characters long (counted after Unicode NFKC normalisation)");
    }
    if (VisibleText.isBlank(password)) {
      throw weak("must not be only spaces or invisible characters");
    }
    if (common.contains(password.toLowerCase(Locale.ROOT))) {
      throw weak("is one of the most commonly used passwords; choose another");
    }
    return password;
  }

  private static ProblemException weak(String why) {
    return new ProblemException(400, "weak-password", "Password not accepted", "password: " + why);
  }

  int size() {
    return common.size();
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (var in = PasswordPolicy.class.getClassLoader().getResourceAsStream("auth/common-passwords.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty() && !line.startsWith("#")) words.add(line.toLowerCase(Locale.ROOT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
