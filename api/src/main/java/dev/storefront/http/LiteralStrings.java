package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.EnumMap;
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
    Map<Location, Map<String, RequestParameter>> copies = null;
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getSchemaType() != SchemaType.STRING) continue;
      RequestParameter value = sent(request, parameter.getIn()).get(parameter.getName());
      if (value == null || value.isNull()) continue;
      if (copies == null) copies = new EnumMap<>(Location.class);
      copies.computeIfAbsent(parameter.getIn(), in -> new HashMap<>(sent(request, in)))
          .put(parameter.getName(), new RequestParameterImpl(Json.encode(String.valueOf(value.get()))));
    }
    if (copies == null) return request; // no string sent: nothing to copy
    return new ValidatableRequestImpl(copies.getOrDefault(Location.COOKIE, request.getCookies()),
        copies.getOrDefault(Location.HEADER, request.getHeaders()),
        copies.getOrDefault(Location.PATH, request.getPathParameters()),
        copies.getOrDefault(Location.QUERY, request.getQuery()), request.getBody(), request.getContentType());
  }

  private static Map<String, RequestParameter> sent(ValidatableRequest request, Location in) {
    return switch (in) {
      case COOKIE -> request.getCookies();
      case HEADER -> request.getHeaders();
      case PATH -> request.getPathParameters();
      case QUERY -> request.getQuery();
    };
  }
}
