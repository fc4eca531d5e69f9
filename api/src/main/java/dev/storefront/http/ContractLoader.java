package dev.storefront.http;

import dev.storefront.web.MediaTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads {@code openapi.yaml} for the router. The document declares what clients really get
 * ({@code application/problem+json}, HTML, YAML); the 5.0 OpenAPI router refuses media types it
 * cannot validate, even on responses, which it never validates. So the router's copy names such
 * response types by their validatable base ({@code +json} as JSON, the rest as text); requests are
 * untouched, except that a request body with a media type the validator does not know (a Sentry
 * envelope) is left out of the router's copy: its handler checks that body itself, and so are the
 * list-valued headers the server reads itself ({@link #SELF_PARSED_HEADERS}): the validator decodes
 * a header value as JSON first, so it refused a weak tag ({@code W/"x"}) or a list of tags. The
 * published document at /schema is the file as written.
 */
public final class ContractLoader {
  public static final String RESOURCE = "openapi.yaml";
  /** Header parameters parsed by their handlers (EntityTags, the stream's resume id), not the validator. */
  static final java.util.Set<String> SELF_PARSED_HEADERS = java.util.Set.of(
      "#/components/parameters/IfNoneMatch", "#/components/parameters/AcceptEncoding",
      "#/components/parameters/LastEventIdHeader");

  private ContractLoader() {}

  public static Future<OpenAPIContract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE)
        .compose(bytes -> vertx.executeBlocking(() -> routerView(parse(bytes.toString())), false))
        .compose(json -> OpenAPIContract.from(vertx, json));
  }

  public static JsonObject parse(String yaml) {
    Map<String, Object> map = new Yaml().load(yaml);
    return new JsonObject(stringKeys(map));
  }

  /** The media type the router's copy uses in place of {@code declared}. */
  public static String routerMediaType(String declared) {
    String base = MediaTypes.essence(declared);
    if (MediaType.isMediaTypeSupported(base)) return base;
    return base.endsWith("+json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
  }

  static JsonObject routerView(JsonObject raw) {
    JsonObject copy = raw.copy();
    rewrite(copy.getValue("paths"), false);
    dropUnvalidatableRequestBodies(copy.getJsonObject("paths", new JsonObject()));
    dropSelfParsedHeaders(copy.getJsonObject("paths", new JsonObject()));
    rewrite(copy.getJsonObject("components", new JsonObject()).getValue("responses"), true);
    return copy;
  }

  private static void dropUnvalidatableRequestBodies(JsonObject paths) {
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)) continue;
        if (!(operation.getValue("requestBody") instanceof JsonObject body)) continue;
        JsonObject content = body.getJsonObject("content", new JsonObject());
        if (content.fieldNames().stream().anyMatch(type -> !MediaType.isMediaTypeSupported(type))) {
          operation.remove("requestBody");
        }
      }
    }
  }

  private static void dropSelfParsedHeaders(JsonObject paths) {
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String key : item.fieldNames()) {
        if (!(item.getValue(key) instanceof JsonObject operation)) continue;
        if (!(operation.getValue("parameters") instanceof JsonArray parameters)) continue;
        JsonArray kept = new JsonArray();
        for (Object parameter : parameters) {
          boolean selfParsed = parameter instanceof JsonObject p && SELF_PARSED_HEADERS.contains(p.getString("$ref", ""));
          if (!selfParsed) kept.add(parameter);
        }
        operation.put("parameters", kept);
      }
    }
  }

  private static void rewrite(Object node, boolean inResponse) {
    if (node instanceof JsonObject obj) {
      for (String key : obj.fieldNames().toArray(new String[0])) {
        Object child = obj.getValue(key);
        boolean response = inResponse || "responses".equals(key);
        if (response && "content".equals(key) && child instanceof JsonObject content) {
          JsonObject renamed = new JsonObject();
          content.forEach(e -> renamed.put(routerMediaType(e.getKey()), e.getValue()));
          obj.put(key, renamed);
        } else {
          rewrite(child, response);
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(child -> rewrite(child, inResponse));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? stringKeys(m)
        : v instanceof java.util.List<?> list ? list.stream().map(i -> i instanceof Map<?, ?> im ? stringKeys(im) : i).toList()
        : v));
    return out;
  }
}
