package dev.storefront.order;

import dev.storefront.web.ProblemException;
import dev.storefront.web.VisibleText;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * Checks what the contract cannot (fields blank or only invisible characters, a real ISO 3166-1
 * code), keeps only known fields, trimmed of blank characters at either end.
 */
final class ShippingAddress {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private ShippingAddress() {}

  static JsonObject validated(JsonObject raw) {
    JsonObject clean = new JsonObject();
    for (String field : new String[] {"name", "line1", "city", "postalCode", "country"}) {
      String value = raw.getString(field);
      if (value == null) throw ProblemException.badRequest("shippingAddress." + field + " is required");
      clean.put(field, VisibleText.required("shippingAddress." + field, value));
    }
    String line2 = raw.getString("line2");
    if (line2 != null && !VisibleText.isBlank(line2)) clean.put("line2", VisibleText.required("shippingAddress.line2", line2));
    if (!COUNTRIES.contains(clean.getString("country"))) {
      throw ProblemException.badRequest("shippingAddress.country must be an ISO 3166-1 alpha-2 code");
    }
    return clean;
  }
}
