package dev.storefront.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.http.ContractLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a response the test received is one the OpenAPI document allows: the status and
 * media type are declared for the operation in openapi.yaml as written, and the headers and body
 * validate against the schema.
 */
public final class Contract {
  private static Contract instance;
  public final OpenAPIContract contract;
  public final JsonObject raw;
  private final ResponseValidator validator;

  private Contract(Vertx vertx) {
    this.contract = ContractLoader.load(vertx).await();
    this.raw = ContractLoader.parse(vertx.fileSystem().readFile(ContractLoader.RESOURCE).await().toString());
    this.validator = ResponseValidator.create(vertx, contract);
  }

  public static synchronized Contract get() {
    if (instance == null) instance = new Contract(Vertx.vertx());
    return instance;
  }

  /**
   * Validates against the operation the contract routes {@code method uri} to; a request no
   * operation matches must have been answered with a 404 or 405 problem.
   */
  public static HttpResponse<Buffer> checked(io.vertx.core.http.HttpMethod method, String uri,
      HttpResponse<Buffer> response) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    var operation = get().contract.findOperation(path, method);
    if (operation == null) {
      assertThat(response.statusCode()).as("%s %s matches no operation", method, path).isIn(404, 405);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      return response;
    }
    return valid(operation.getOperationId(), response);
  }

  public static HttpResponse<Buffer> valid(String operationId, HttpResponse<Buffer> response) {
    get().check(operationId, response);
    return response;
  }

  void check(String operationId, HttpResponse<Buffer> response) {
    String contentType = response.getHeader("Content-Type");
    String base = contentType == null ? "" : contentType.split(";")[0].trim();
    Set<String> declared = declaredMediaTypes(operationId, response.statusCode());
    assertThat(declared).as("%s declares status %d", operationId, response.statusCode()).isNotNull();
    if (declared.isEmpty()) {
      assertThat(response.body() == null || response.body().length() == 0).as("%s %d has no body", operationId,
          response.statusCode()).isTrue();
      return;
    }
    assertThat(declared).as("%s %d declares %s", operationId, response.statusCode(), base).contains(base);
    if (!ContractLoader.routerMediaType(contentType).contains("json")) {
      return; // text bodies (YAML, HTML, JavaScript, Prometheus text) are declared as plain strings
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().forEach(e -> {
      if (e.getKey().equalsIgnoreCase("Content-Type")) return;
      // The validator reads a string header value as JSON, falling back to wrapping it in quotes;
      // a value with quotes of its own (an auth challenge) needs proper JSON string encoding.
      headers.put(e.getKey(), e.getValue().contains("\"") ? io.vertx.core.json.Json.encode(e.getValue()) : e.getValue());
    });
    headers.put("Content-Type", ContractLoader.routerMediaType(contentType));
    Buffer body = response.body() == null ? Buffer.buffer() : response.body();
    ValidatableResponse validatable = ValidatableResponse.create(response.statusCode(), headers, body,
        ContractLoader.routerMediaType(contentType));
    validator.validate(validatable, operationId).otherwise(e -> {
      throw new AssertionError(operationId + " " + response.statusCode() + " breaks the contract: "
          + e.getMessage() + "\n" + body.toString().substring(0, Math.min(500, body.length())));
    }).await();
  }

  Set<String> declaredMediaTypes(String operationId, int status) {
    for (String path : raw.getJsonObject("paths").fieldNames()) {
      JsonObject item = raw.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        if (!operationId.equals(op.getString("operationId"))) continue;
        JsonObject responses = op.getJsonObject("responses");
        JsonObject resp = responses.getJsonObject(Integer.toString(status), responses.getJsonObject("default"));
        if (resp == null) return null;
        String ref = resp.getString("$ref");
        if (ref != null) {
          resp = raw.getJsonObject("components").getJsonObject("responses")
              .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return resp.getJsonObject("content", new JsonObject()).fieldNames();
      }
    }
    throw new AssertionError("no operation " + operationId);
  }
}
