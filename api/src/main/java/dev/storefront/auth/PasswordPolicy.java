package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** 8 to 128 characters, used whole (no truncation), and not one of the 3,000 most common passwords. */
public final class PasswordPolicy {
  public static final int MIN = 8;
  public static final int MAX = 128;
  private final Set<String> common;

  public PasswordPolicy() {
    this.common = load();
  }

  public void check(String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      throw new ProblemException(400, "weak-password", "Password not accepted",
          "Passwords must be " + MIN + " to " + MAX + " characters long.");
    }
    if (common.contains(password.toLowerCase(Locale.ROOT))) {
      throw new ProblemException(400, "weak-password", "Password not accepted",
          "This password is one of the most commonly used ones; choose another.");
    }
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
