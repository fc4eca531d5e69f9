package dev.storefront.web;

import java.util.Locale;

/** Reading a {@code Content-Type} value. */
public final class MediaTypes {
  private MediaTypes() {}

  /**
   * Its type and subtype, lower-cased, without parameters or the spaces around them; "" for null,
   * and for a value with nothing before its first ';' (which {@code split(";")[0]} could not read).
   */
  public static String essence(String contentType) {
    if (contentType == null) return "";
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
