package dev.storefront.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.storefront.web.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Path;
import io.vertx.pgclient.PgException;
import java.io.IOException;

/**
 * Refuses, for every operation and before any handler sees them, text that no layer below can
 * store or compare: NUL (PostgreSQL text cannot hold it), unpaired surrogates and bytes that are not
 * UTF-8, in path segments and any string or key of a JSON body (query parameters, names too, go
 * through {@link #checkQuery} in {@link RequestGate}, before the router decodes them). The 400 names
 * the field. Requests with no query, no '%' in the path and no body have nothing to scan, which keeps
 * the catalog reads cheap.
 *
 * <p>The same pass refuses a JSON body that names a key twice in one object: Jackson keeps the last
 * value and a reader of the first (a proxy, a log, a client's own check) sees another request, so
 * every operation answers 400 naming the key rather than each reading it its own way.
 */
public final class TextInputGuard implements Handler<RoutingContext> {
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final OpenAPIContract contract;

  public TextInputGuard(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    try {
      String path = rc.request().path();
      if (path != null && path.indexOf('%') >= 0) checkPath(path);
      Buffer body = rc.body() == null ? null : rc.body().buffer();
      if (body != null && body.length() > 0 && json(rc)) checkJson(body.getBytes());
    } catch (ProblemException e) {
      rc.fail(e);
      return;
    }
    rc.next();
  }

  /**
   * Only JSON bodies are scanned: the contract refuses a JSON operation's body sent as anything
   * else, and other bodies (error envelopes) are passed on as bytes, never stored as text.
   */
  private static boolean json(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  /** Backstop for text that reached PostgreSQL anyway: a client error, not a server fault. */
  static boolean unstorableText(PgException e) {
    return "22021".equals(e.getSqlState()) || "22P05".equals(e.getSqlState());
  }

  static void checkQuery(String query) {
    if (!PercentDecoding.needsDecoding(query)) return;
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = PercentDecoding.decode(rawName, true, "query parameter name");
      String label = printable(name) ? name : "query parameter name";
      checkText(label, name);
      if (eq >= 0) checkText(label, PercentDecoding.decode(pair.substring(eq + 1), true, label));
    }
  }

  void checkPath(String path) {
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String decoded;
      try {
        decoded = PercentDecoding.decode(segments[i], false, "path");
      } catch (ProblemException malformed) {
        continue; // malformed escapes in paths are the router's to refuse
      }
      if (bad(decoded) != null) checkText(pathParameter(path, i), decoded);
    }
  }

  /** The template's name for segment {@code index} ("id"), or "path" for a literal segment. */
  private String pathParameter(String path, int index) {
    Path template = contract.findPath(path);
    if (template == null) return "path";
    String[] names = template.getName().split("/", -1);
    if (index < names.length && names[index].startsWith("{") && names[index].endsWith("}")) {
      return names[index].substring(1, names[index].length() - 1);
    }
    return "path";
  }

  static void checkJson(byte[] body) {
    boolean text = mayHoldBadText(body);
    JsonParser parser;
    try {
      parser = JSON.createParser(body);
    } catch (IOException unreadable) {
      return;
    }
    try (parser) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (!text) continue;
        if (token == JsonToken.FIELD_NAME) {
          if (bad(parser.currentName()) != null) {
            checkText(fieldPath(parser.getParsingContext().getParent()) + " (a field name)", parser.currentName());
          }
        } else if (token == JsonToken.VALUE_STRING) {
          checkText(fieldPath(parser.getParsingContext()), parser.getText());
        }
      }
    } catch (StreamReadException e) {
      String duplicate = duplicateKey(e, parser);
      if (duplicate != null) throw ProblemException.badRequest(duplicate + ": appears more than once in its object");
      throw notJson();
    } catch (IOException e) {
      throw notJson();
    }
  }

  /**
   * Strict JSON (RFC 8259) only: the body decoder behind the validator and the handlers also takes
   * comments and other extensions, which this scan would otherwise stop at, unchecked.
   */
  private static ProblemException notJson() {
    return ProblemException.badRequest("body: is not valid JSON (RFC 8259: no comments, single quotes or trailing commas)");
  }

  /** The path of the key a duplicate-key failure is about ("items[0].quantity"), or null for other failures. */
  private static String duplicateKey(StreamReadException e, JsonParser parser) {
    String message = e.getOriginalMessage();
    return message != null && message.startsWith("Duplicate field") ? fieldPath(parser.getParsingContext()) : null;
  }

  /** Only a backslash escape or a non-ASCII byte can spell NUL or a surrogate in valid JSON. */
  private static boolean mayHoldBadText(byte[] body) {
    for (byte b : body) if (b == '\\' || b < 0x20) return true;
    return false;
  }

  /** "items[0].name" for the value the parser is at; "body" for the top level. */
  private static String fieldPath(JsonStreamContext context) {
    StringBuilder out = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) out.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      else if (c.getCurrentName() != null) out.insert(0, "." + c.getCurrentName());
    }
    String path = out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
    return path.isEmpty() ? "body" : path;
  }

  private static void checkText(String field, String text) {
    String problem = bad(text);
    if (problem != null) throw ProblemException.badRequest(field + ": " + problem);
  }

  /** Why {@code text} cannot be accepted, or null. */
  static String bad(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) return "must not contain NUL (U+0000)";
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain unpaired surrogates";
      }
    }
    return null;
  }

  private static boolean printable(String name) {
    return name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
