package dev.storefront.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the contract validator's verdict into a message naming the field and the rule it broke
 * ("stock: must be >= 0"), read from the schema the validator used, rather than the validator's
 * own summary, which names the wrapping keyword ("does not match additional properties schema").
 */
final class ValidationMessages {
  private static final Pattern PARAMETER = Pattern.compile("The value of \\w+ parameter (\\S+) is invalid");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  /** Keywords that only wrap the errors of their sub-schemas. */
  private static final Set<String> WRAPPERS = Set.of("properties", "patternProperties", "items", "prefixItems",
      "allOf", "anyOf", "oneOf", "$ref", "then", "else", "dependentSchemas", "unevaluatedProperties");

  private ValidationMessages() {}

  static String of(ValidatorException e, Operation operation) {
    if (!(e instanceof SchemaValidationException s) || s.getOutputUnit() == null) return e.getMessage();
    Matcher m = PARAMETER.matcher(String.valueOf(e.getMessage()));
    String parameter = m.find() ? m.group(1) : null;
    JsonSchema schema = schemaOf(operation, parameter);
    List<OutputUnit> leaves = new ArrayList<>();
    collect(s.getOutputUnit(), leaves);
    Set<String> messages = new LinkedHashSet<>();
    Set<String> fields = new LinkedHashSet<>();
    for (OutputUnit u : leaves) {
      // additionalProperties also fails for a known field that broke its own schema, however deep
      // inside it the break is (an unknown field there included): say only that.
      if ("additionalProperties".equals(keyword(u)) && explainedInside(leaves, u)) continue;
      // One rule per field, the first the validator names: -1 for a price is "must be >= 0.01",
      // not also a floating-point verdict on multipleOf.
      if (!fields.add(String.valueOf(u.getInstanceLocation()))) continue;
      messages.add(describe(u, schema, parameter));
      if (messages.size() == 3) break;
    }
    return messages.isEmpty() ? e.getMessage() : String.join("; ", messages);
  }

  /**
   * Whether another error explains {@code unit}: one at its location under another keyword, or
   * one anywhere inside it.
   */
  private static boolean explainedInside(List<OutputUnit> leaves, OutputUnit unit) {
    String location = String.valueOf(unit.getInstanceLocation());
    for (OutputUnit other : leaves) {
      if (other == unit) continue;
      String l = String.valueOf(other.getInstanceLocation());
      if (l.startsWith(location + "/") || l.equals(location) && !"additionalProperties".equals(keyword(other))) {
        return true;
      }
    }
    return false;
  }

  private static void collect(OutputUnit unit, List<OutputUnit> out) {
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      if (unit.getKeywordLocation() != null) out.add(unit);
      return;
    }
    for (OutputUnit child : errors) {
      if (WRAPPERS.contains(keyword(child)) && child.getErrors() == null) continue;
      collect(child, out);
    }
  }

  private static String describe(OutputUnit u, JsonSchema schema, String parameter) {
    String keyword = keyword(u);
    String field = field(u.getInstanceLocation(), parameter);
    Object bound = at(schema, u.getKeywordLocation());
    String error = String.valueOf(u.getError());
    switch (keyword) {
      case "required": return join(field, quoted(error)) + ": is required";
      case "additionalProperties": return field + ": is not a known field";
      case "minimum": return field + ": must be >= " + plain(bound);
      case "maximum": return field + ": must be <= " + plain(bound);
      case "exclusiveMinimum": return field + ": must be > " + plain(bound);
      case "exclusiveMaximum": return field + ": must be < " + plain(bound);
      case "minLength": return field + ": must be at least " + plain(bound) + " characters long";
      case "maxLength": return field + ": must be at most " + plain(bound) + " characters long";
      case "pattern": return field + ": must match " + plain(bound);
      case "multipleOf": return field + ": must be a multiple of " + plain(bound);
      case "format": return field + ": must be a valid "
          + (String.valueOf(bound).endsWith("email") ? "email address" : plain(bound));
      case "enum": return field + ": must be one of " + (bound instanceof JsonArray a ? a.encode() : plain(bound));
      case "type": return field + ": must be of type " + (bound instanceof JsonArray a ? String.join(" or ",
          a.stream().map(String::valueOf).toList()) : plain(bound));
      case "minProperties": return field + ": must have at least " + plain(bound) + " field(s)";
      case "minItems": return field + ": must have at least " + plain(bound) + " item(s)";
      case "maxItems": return field + ": must have at most " + plain(bound) + " item(s)";
      case "uniqueItems": return field + ": must not list an item twice";
      case "maxProperties": return field + ": must have at most " + plain(bound) + " field(s)";
      default: return field + ": " + error;
    }
  }

  private static String keyword(OutputUnit u) {
    String location = u.getKeywordLocation();
    if (location == null) return "";
    return unescape(location.substring(location.lastIndexOf('/') + 1));
  }

  /** "#/a/b/0" as "a.b[0]"; the root is the parameter, or the body. */
  static String field(String instanceLocation, String parameter) {
    String root = parameter != null ? parameter : "body";
    if (instanceLocation == null || instanceLocation.equals("#") || instanceLocation.isEmpty()) return root;
    StringBuilder out = new StringBuilder(parameter != null ? parameter : "");
    for (String segment : instanceLocation.replaceFirst("^#?/", "").split("/", -1)) {
      String name = unescape(segment);
      if (name.matches("\\d+")) out.append('[').append(name).append(']');
      else out.append(out.length() == 0 ? "" : ".").append(name);
    }
    return out.toString();
  }

  private static String join(String parent, String name) {
    if (name == null) return parent;
    return parent.equals("body") ? name : parent + "." + name;
  }

  private static String quoted(String error) {
    Matcher m = QUOTED.matcher(error);
    return m.find() ? m.group(1) : null;
  }

  /**
   * The value at a keyword location ("#/properties/stock/minimum") of the schema. A "$ref" step
   * ("#/properties/quantity/$ref/maximum") is passed over: the validator's schemas hold references
   * as proxies that read as the schema they name.
   */
  private static Object at(JsonSchema schema, String location) {
    if (schema == null || location == null) return null;
    Object node = new JsonObject();
    for (String key : schema.fieldNames()) ((JsonObject) node).put(key, (Object) schema.get(key));
    for (String segment : location.replaceFirst("^#?/?", "").split("/")) {
      if (segment.isEmpty()) continue;
      String key = unescape(segment);
      if (node instanceof JsonObject && key.equals("$ref")) continue;
      if (node instanceof JsonObject o) node = o.getValue(key);
      else if (node instanceof JsonArray a && key.matches("\\d{1,4}") && Integer.parseInt(key) < a.size()) {
        node = a.getValue(Integer.parseInt(key));
      } else return null;
    }
    return node;
  }

  private static String plain(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
    if (value instanceof java.math.BigDecimal b) return b.toPlainString();
    return String.valueOf(value);
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  private static JsonSchema schemaOf(Operation op, String parameter) {
    if (op == null) return null;
    if (parameter != null) {
      for (Parameter p : op.getParameters()) if (p.getName().equals(parameter)) return p.getSchema();
      return null;
    }
    if (op.getRequestBody() == null) return null;
    MediaType json = op.getRequestBody().getContent().get("application/json");
    return json == null ? null : json.getSchema();
  }
}
