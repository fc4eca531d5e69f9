package dev.storefront.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.storefront.web.ProblemException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Prices as whole cents, read exactly as the client wrote them: never through a double, which
 * would round 100.10000000000000001 to 100.1 and accept it.
 */
public final class Prices {
  public static final int MAX_CENTS = 100_000_000;
  /** The listing filters: a plain decimal, 0 to 1000000, at most two decimals (openapi.yaml says the same). */
  public static final Pattern QUERY = Pattern.compile("1000000(\\.0{1,2})?|[0-9]{1,6}(\\.[0-9]{1,2})?");
  private static final JsonFactory JSON = new JsonFactory();
  private static final BigDecimal MIN_BODY = new BigDecimal("0.01");
  private static final BigDecimal MAX = BigDecimal.valueOf(1_000_000);

  private Prices() {}

  /** A listing filter ({@code minPrice}, {@code maxPrice}) in cents; null when absent. */
  public static Integer fromQuery(String name, String raw) {
    if (raw == null) return null;
    if (!QUERY.matcher(raw).matches()) {
      throw ProblemException.badRequest(name + ": must be a plain decimal from 0 to 1000000 with at most two decimals");
    }
    return new BigDecimal(raw).movePointRight(2).intValueExact();
  }

  /**
   * The top-level number {@code field} of a JSON object body in cents, from the raw bytes; null when
   * the body has no such field. 0.01 to 1000000, whole cents only.
   */
  public static Integer fromJson(byte[] body, String field) {
    String text = null;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals(name)) {
          parser.skipChildren();
          continue;
        }
        if (text != null) throw ProblemException.badRequest(field + ": must be given once");
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
          throw ProblemException.badRequest(field + ": must be a number");
        }
        text = parser.getText();
      }
      if (token != JsonToken.END_OBJECT) return null;
    } catch (IOException e) {
      throw ProblemException.badRequest("The request body is not valid JSON.");
    }
    return text == null ? null : cents(field, text);
  }

  static int cents(String field, String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) { // exponent beyond an int
      throw outOfRange(field);
    }
    // Bounds first: they compare exponents, cheap even for 1e-999999999.
    if (value.compareTo(MIN_BODY) < 0 || value.compareTo(MAX) > 0) throw outOfRange(field);
    if (value.stripTrailingZeros().scale() > 2) {
      throw ProblemException.badRequest(field + ": must be whole cents (at most two decimals), exactly as written");
    }
    return value.movePointRight(2).intValueExact();
  }

  private static ProblemException outOfRange(String field) {
    return ProblemException.badRequest(field + ": must be >= 0.01 and <= 1000000");
  }
}
