package dev.storefront.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * The contract operation a request names, looked up once per request for the root handlers that
 * check it before routing (the lookup matches the path against every template). Kept per method:
 * a HEAD rerouted as GET passes the root handlers again and names another operation.
 */
final class RequestOperation {
  private static final String KEY = "contractOperation";
  private static final Object NONE = new Object();

  private RequestOperation() {}

  /** The operation of this path and method, or null when the contract has none. */
  static Operation of(RoutingContext rc, OpenAPIContract contract) {
    HttpServerRequest request = rc.request();
    String key = KEY + request.method().name();
    Object known = rc.get(key);
    if (known == null) {
      Operation found = request.path() == null ? null : contract.findOperation(request.path(), request.method());
      known = found == null ? NONE : found;
      rc.put(key, known);
    }
    return known == NONE ? null : (Operation) known;
  }
}
