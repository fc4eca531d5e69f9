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

  public static HttpResponse<Buffer> valid(String operationId, HttpResponse<Buffer> response) {
    get().check(operationId, response);
    return response;
  }

  void check(String operationId, HttpResponse<Buffer> response) {
    String contentType = response.getHeader("Content-Type");
    String base = contentType == null ? "" : contentType.split(";")[0].trim();
    assertThat(declaredMediaTypes(operationId, response.statusCode()))
        .as("%s %d declares %s", operationId, response.statusCode(), base).contains(base);
    if (!ContractLoader.routerMediaType(contentType).contains("json")) {
      return; // text bodies (YAML, HTML, JavaScript, Prometheus text) are declared as plain strings
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().forEach(e -> {
      if (!e.getKey().equalsIgnoreCase("Content-Type")) headers.put(e.getKey(), e.getValue());
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
        JsonObject resp = op.getJsonObject("responses").getJsonObject(Integer.toString(status));
        if (resp == null) return Set.of();
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
