package dev.storefront.web;

/**
 * What counts as blank in free text people type: whitespace and space separators of every script,
 * controls, format characters (zero-width space and joiners, soft hyphen, BOM) and the few letters
 * and symbols that render as nothing (Hangul fillers, the blank Braille pattern, variation
 * selectors). {@code String.isBlank} and {@code strip} know only the first of these.
 */
public final class VisibleText {
  private VisibleText() {}

  /** {@code raw} without blank characters at either end; a 400 naming {@code field} when nothing is left. */
  public static String required(String field, String raw) {
    String stripped = strip(raw);
    if (stripped.isEmpty()) {
      throw ProblemException.badRequest(field + ": must not be empty or only spaces and invisible characters");
    }
    return stripped;
  }

  /** True when {@code text} has no character but blank ones (or none at all). */
  public static boolean isBlank(String text) {
    return text.codePoints().allMatch(VisibleText::isBlank);
  }

  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isBlank(text.codePointAt(start))) start += Character.charCount(text.codePointAt(start));
    while (end > start && isBlank(text.codePointBefore(end))) end -= Character.charCount(text.codePointBefore(end));
    return text.substring(start, end);
  }

  static boolean isBlank(int c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) return true;
    int type = Character.getType(c);
    if (type == Character.CONTROL || type == Character.FORMAT) return true;
    return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800
        || (c >= 0x180B && c <= 0x180F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }
}
