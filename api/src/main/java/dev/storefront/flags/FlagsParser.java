package dev.storefront.flags;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code {"flags": {"name": {"enabled": true, "rollout": 25}}}} strictly: unknown keys,
 * duplicate keys, wrong types, a rollout outside 0..100 or trailing text make the whole document
 * invalid, so a typo never silently turns a feature on or off. {@code rollout} defaults to 100.
 */
public final class FlagsParser {
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  static final int MAX_FLAGS = 200;
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Why a flags document was refused; the message says where. */
  public static final class InvalidFlags extends Exception {
    public InvalidFlags(String message) {
      super(message, null, false, false);
    }
  }

  private FlagsParser() {}

  public static FlagSet parse(String text) throws InvalidFlags {
    wellFormed(text);
    JsonObject root;
    try {
      root = new JsonObject(text);
    } catch (RuntimeException e) {
      throw new InvalidFlags("the document must be a JSON object");
    }
    onlyKeys(root, "the document", List.of("flags"));
    if (!(root.getValue("flags") instanceof JsonObject flags)) throw new InvalidFlags("\"flags\" must be an object");
    if (flags.size() > MAX_FLAGS) throw new InvalidFlags("at most " + MAX_FLAGS + " flags");
    Map<String, FlagSet.Flag> out = new LinkedHashMap<>();
    for (String name : flags.fieldNames()) out.put(name, flag(name, flags.getValue(name)));
    return new FlagSet(out);
  }

  /** One JSON object, no duplicate keys, nothing after it. */
  private static void wellFormed(String text) throws InvalidFlags {
    try (JsonParser parser = STRICT.createParser(text)) {
      var first = parser.nextToken();
      if (first == null) throw new InvalidFlags("the document is empty");
      if (first != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new InvalidFlags("the document must be a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) throw new InvalidFlags("text after the JSON document");
    } catch (JsonProcessingException e) {
      throw new InvalidFlags("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidFlags("unreadable: " + e.getMessage());
    }
  }

  private static FlagSet.Flag flag(String name, Object value) throws InvalidFlags {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidFlags("flag name \"" + abbreviate(name)
          + "\": letters, digits, '_', '.', '-', starting with a letter (1-64)");
    }
    if (!(value instanceof JsonObject flag)) throw new InvalidFlags("flags." + name + " must be an object");
    onlyKeys(flag, "flags." + name, List.of("enabled", "rollout"));
    if (!(flag.getValue("enabled") instanceof Boolean enabled)) {
      throw new InvalidFlags("flags." + name + ".enabled must be true or false");
    }
    int percent = 100;
    if (flag.containsKey("rollout")) {
      Object rollout = flag.getValue("rollout");
      if (!(rollout instanceof Integer || rollout instanceof Long)) {
        throw new InvalidFlags("flags." + name + ".rollout must be an integer 0-100");
      }
      long p = ((Number) rollout).longValue();
      if (p < 0 || p > 100) throw new InvalidFlags("flags." + name + ".rollout must be 0-100, not " + p);
      percent = (int) p;
    }
    return new FlagSet.Flag(enabled, percent);
  }

  private static void onlyKeys(JsonObject node, String where, List<String> allowed) throws InvalidFlags {
    for (String key : node.fieldNames()) {
      if (!allowed.contains(key)) throw new InvalidFlags(where + " has an unknown key \"" + abbreviate(key) + "\"");
    }
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }
}
