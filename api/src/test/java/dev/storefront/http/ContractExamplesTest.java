package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.web.Problems;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples in openapi.yaml (what /docs shows clients) exist for every body the contract
 * declares and cannot drift from the schemas: each is validated against the schema it illustrates,
 * with $refs resolved through the document itself.
 */
class ContractExamplesTest {
  private static final String DOCUMENT = "https://storefront.invalid/openapi.json";
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri(DOCUMENT).setOutputFormat(OutputFormat.Basic);
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /** One media type of a request or response body, where it is written in the document. */
  record Body(String label, String status, String mediaType, String pointer, JsonObject content) {
    JsonObject examples() {
      return content.getJsonObject("examples", new JsonObject());
    }

    boolean illustratesJson() {
      return mediaType.contains("json") || mediaType.equals("multipart/form-data");
    }
  }

  static JsonObject raw;
  static SchemaRepository schemas;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ContractExamplesTest.class.getClassLoader().getResourceAsStream(ContractLoader.RESOURCE)) {
      // re-read as JSON so lists are mutable: the schema repository rewrites the document it is given
      raw = new JsonObject(ContractLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).encode());
    }
    schemas = SchemaRepository.create(OPTIONS);
    schemas.dereference(DOCUMENT, JsonSchema.of(raw.copy()));
  }

  /** Every request and response body of every operation, found by walking the document. */
  static List<Body> bodies(JsonObject doc) {
    List<Body> out = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (!METHODS.contains(method)) continue;
        String at = "/paths/" + escape(path) + "/" + method;
        JsonObject op = paths.getJsonObject(path).getJsonObject(method);
        String label = op.getString("operationId") + " (" + method.toUpperCase() + " " + path + ")";
        if (op.containsKey("requestBody")) {
          addContent(doc, out, label, "request", at + "/requestBody", op.getJsonObject("requestBody"));
        }
        JsonObject responses = op.getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          addContent(doc, out, label, status, at + "/responses/" + escape(status), responses.getJsonObject(status));
        }
      }
    }
    return out;
  }

  private static void addContent(JsonObject doc, List<Body> out, String label, String status, String pointer,
      JsonObject node) {
    String ref = node.getString("$ref");
    if (ref != null) {
      pointer = ref.substring(1);
      node = node(doc, pointer);
    }
    JsonObject content = node.getJsonObject("content", new JsonObject());
    for (String mediaType : content.fieldNames()) {
      out.add(new Body(label, status, mediaType, pointer + "/content/" + escape(mediaType),
          content.getJsonObject(mediaType)));
    }
  }

  private static JsonObject node(JsonObject doc, String pointer) {
    return (JsonObject) JsonPointer.fromURI(java.net.URI.create("#" + pointer)).queryJson(doc);
  }

  /** Validates against the schema at {@code pointer} in the document, its $refs resolved through the document. */
  private static OutputUnit validate(SchemaRepository repository, String pointer, Object value) {
    return repository.validator(JsonSchema.of(new JsonObject().put("$ref", DOCUMENT + "#" + pointer)), OPTIONS)
        .validate(value);
  }

  /** A JSON pointer token, as it appears in a URI fragment (path templates' braces percent-encoded). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
  }

  /** Problems with each example of the bodies that should have them: missing ones, or ones breaking their schema. */
  static List<String> findings(JsonObject doc, SchemaRepository repository) {
    List<String> found = new ArrayList<>();
    for (Body body : bodies(doc)) {
      boolean required = body.status().equals("request") || body.illustratesJson();
      if (required && body.examples().isEmpty()) {
        found.add(body.label() + " " + body.status() + " " + body.mediaType() + ": no examples");
      }
      if (!body.illustratesJson()) continue;
      for (String name : body.examples().fieldNames()) {
        JsonObject example = body.examples().getJsonObject(name);
        String where = body.label() + " " + body.status() + " " + body.mediaType() + " example '" + name + "'";
        if (!example.containsKey("value")) {
          found.add(where + ": no value");
          continue;
        }
        OutputUnit result = validate(repository, body.pointer() + "/schema", example.getValue("value"));
        if (!result.getValid()) found.add(where + ": " + errors(result));
      }
    }
    return found;
  }

  private static String errors(OutputUnit result) {
    List<String> lines = new ArrayList<>();
    if (result.getErrors() != null) {
      result.getErrors().forEach(e -> lines.add(e.getInstanceLocation() + " " + e.getError()));
    }
    return lines.isEmpty() ? String.valueOf(result.getError()) : String.join("; ", lines);
  }

  @Test
  void everyOperationHasValidExamplesForEachBodyItDeclares() {
    List<Body> all = bodies(raw);
    assertThat(all).as("the walk finds the contract's bodies").hasSizeGreaterThan(100);
    assertThat(findings(raw, schemas)).as("examples missing or not matching their schema").isEmpty();
  }

  @Test
  void parameterExamplesMatchTheirSchemas() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    JsonObject paths = raw.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (!METHODS.contains(method)) continue;
        var parameters = paths.getJsonObject(path).getJsonObject(method).getJsonArray("parameters");
        for (int i = 0; parameters != null && i < parameters.size(); i++) {
          JsonObject parameter = parameters.getJsonObject(i);
          String pointer = parameter.containsKey("$ref") ? parameter.getString("$ref").substring(1)
              : "/paths/" + escape(path) + "/" + method + "/parameters/" + i;
          parameter = node(raw, pointer);
          List<Object> values = new ArrayList<>();
          if (parameter.containsKey("example")) values.add(parameter.getValue("example"));
          parameter.getJsonObject("examples", new JsonObject())
              .forEach(e -> values.add(((JsonObject) e.getValue()).getValue("value")));
          JsonObject schema = parameter.getJsonObject("schema");
          if (schema.containsKey("example")) values.add(schema.getValue("example"));
          for (Object value : values) {
            checked++;
            // by value: the repository indexes object members only, not array items such as parameters/0
            if (!schemas.validator(JsonSchema.of(schema.copy()), OPTIONS).validate(value).getValid()) {
              wrong.add(method.toUpperCase() + " " + path + " " + parameter.getString("name") + "=" + value);
            }
          }
        }
      }
    }
    assertThat(checked).as("parameter examples found").isGreaterThan(0);
    assertThat(wrong).isEmpty();
  }

  @Test
  void problemExamplesCarryTheStatusTypeAndTitleTheServerWrites() {
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Body body : bodies(raw)) {
      if (!body.mediaType().equals(Problems.CONTENT_TYPE)) continue;
      for (String name : body.examples().fieldNames()) {
        JsonObject problem = body.examples().getJsonObject(name).getJsonObject("value");
        int status = problem.getInteger("status");
        String where = body.label() + " " + body.status() + " '" + name + "'";
        if (body.status().equals("default") ? status < 400 : status != Integer.parseInt(body.status())) {
          wrong.put(where, "status " + status);
        }
        if (!problem.getString("type").startsWith("/problems/")) wrong.put(where, problem.getString("type"));
        if (problem.getString("type").equals("/problems/" + Problems.type(status))
            && !problem.getString("title").equals(Problems.title(status))) {
          wrong.put(where, "title " + problem.getString("title") + ", the server writes " + Problems.title(status));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aMissingOrDriftedExampleIsReported() {
    JsonObject doc = new JsonObject(raw.encode());
    JsonObject product = doc.getJsonObject("paths").getJsonObject("/api/v1/products/{id}").getJsonObject("get")
        .getJsonObject("responses").getJsonObject("200").getJsonObject("content").getJsonObject("application/json");
    JsonObject examples = product.getJsonObject("examples");
    JsonObject value = examples.getJsonObject(examples.fieldNames().iterator().next()).getJsonObject("value");
    value.put("price", "487.30"); // a decimal string where the schema says number
    JsonObject login = doc.getJsonObject("paths").getJsonObject("/api/v1/auth/login").getJsonObject("post")
        .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json");
    login.remove("examples");
    SchemaRepository repository = SchemaRepository.create(OPTIONS);
    repository.dereference(DOCUMENT, JsonSchema.of(doc.copy()));
    assertThat(findings(doc, repository)).anySatisfy(f -> assertThat(f)
            .startsWith("getProduct (GET /api/v1/products/{id}) 200 application/json example").contains("/price"))
        .anySatisfy(f -> assertThat(f)
            .isEqualTo("login (POST /api/v1/auth/login) request application/json: no examples"));
  }
}
