package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalisation of email addresses, shared by sign-up, sign-in and the admin command:
 * Unicode NFKC (fullwidth letters, ligatures and no-break spaces become their plain forms), trimmed;
 * the local part must then be printable ASCII dot-atoms and is lower-cased as ASCII, so Java and
 * PostgreSQL agree on it whatever their locales; the domain may be internationalised and is kept in
 * its ASCII (punycode) form. What remains outside that (zero-width characters, combining marks,
 * other scripts in the local part) is refused, so two spellings can never become two accounts.
 */
public final class EmailAddress {
  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;
  private static final Pattern ATOMS = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private EmailAddress() {}

  /** The stored form of {@code raw}, or a 400 naming the email field. */
  public static String normalize(String raw) {
    // NFKC can expand a character eighteen-fold: bound the work before normalising.
    if (raw == null || raw.length() > 4 * MAX_LENGTH) throw invalid("must be at most " + MAX_LENGTH + " characters");
    String email = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    int at = email.lastIndexOf('@');
    if (at < 1 || at == email.length() - 1) throw invalid("must be an address like name@example.com");
    String local = asciiLowerCase(email.substring(0, at));
    if (local.length() > MAX_LOCAL || !ATOMS.matcher(local).matches()) {
      throw invalid("the part before @ must be 1 to " + MAX_LOCAL
          + " ASCII letters, digits or !#$%&'*+/=?^_`{|}~- separated by single dots");
    }
    String domain = domain(email.substring(at + 1));
    String normalized = local + "@" + domain;
    if (normalized.length() > MAX_LENGTH) throw invalid("must be at most " + MAX_LENGTH + " characters");
    return normalized;
  }

  private static String domain(String raw) {
    String ascii;
    try {
      ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw invalid("the domain is not a valid (internationalised) domain name");
    }
    ascii = asciiLowerCase(ascii);
    if (ascii.endsWith(".")) ascii = ascii.substring(0, ascii.length() - 1);
    if (ascii.isEmpty() || ascii.length() > 253) throw invalid("the domain is not a valid domain name");
    for (String label : ascii.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) throw invalid("the domain is not a valid domain name");
    }
    return ascii;
  }

  /** Lower-cases ASCII letters only; any other character leaves the string non-matching. */
  private static String asciiLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) return s; // refused by the patterns; no locale-dependent case mapping
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static ProblemException invalid(String why) {
    return ProblemException.badRequest("email: " + why);
  }
}
