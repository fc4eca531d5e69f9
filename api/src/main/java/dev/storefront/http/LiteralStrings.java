package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * String parameters reach the contract validator as the text that was sent. The validator reads a
 * value as JSON unless it is all word characters, so a search for {@code -5} or {@code 1.0}
 * became a number and failed "must be of type string", {@code [1]} an array, a quoted
 * {@code "lamp"} lost its quotes, and a lone {@code "} was a 400 about decoding. Each string
 * parameter (path, query, header, cookie) is handed over as the JSON string of its exact text,
 * which the validator decodes back to that text; handlers read the request itself, so the value
 * checked is the value used.
 */
final class LiteralStrings implements RequestExtractor {
  private final RequestExtractor extractor;

  LiteralStrings(RequestExtractor extractor) {
    this.extractor = extractor;
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext rc, Operation operation) {
    return extractor.extractValidatableRequest(rc, operation).map(request -> literal(request, operation));
  }

  static ValidatableRequest literal(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>(request.getCookies());
    Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders());
    Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters());
    Map<String, RequestParameter> query = new HashMap<>(request.getQuery());
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getSchemaType() != SchemaType.STRING) continue;
      Map<String, RequestParameter> values = switch (parameter.getIn()) {
        case COOKIE -> cookies;
        case HEADER -> headers;
        case PATH -> path;
        case QUERY -> query;
      };
      RequestParameter value = values.get(parameter.getName());
      if (value != null && !value.isNull()) {
        values.put(parameter.getName(), new RequestParameterImpl(Json.encode(String.valueOf(value.get()))));
      }
    }
    return new ValidatableRequestImpl(cookies, headers, path, query, request.getBody(), request.getContentType());
  }
}
