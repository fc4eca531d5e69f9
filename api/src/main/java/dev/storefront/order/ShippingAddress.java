package dev.storefront.order;

import dev.storefront.web.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** Checks what the contract cannot (blank fields, a real ISO 3166-1 code) and keeps only known fields. */
final class ShippingAddress {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private ShippingAddress() {}

  static JsonObject validated(JsonObject raw) {
    JsonObject clean = new JsonObject();
    for (String field : new String[] {"name", "line1", "city", "postalCode", "country"}) {
      String value = raw.getString(field);
      if (value == null || value.isBlank()) throw ProblemException.badRequest("shippingAddress." + field + " is required");
      clean.put(field, value.strip());
    }
    String line2 = raw.getString("line2");
    if (line2 != null && !line2.isBlank()) clean.put("line2", line2.strip());
    if (!COUNTRIES.contains(clean.getString("country"))) {
      throw ProblemException.badRequest("shippingAddress.country must be an ISO 3166-1 alpha-2 code");
    }
    return clean;
  }
}
