package dev.storefront.http;

import dev.storefront.web.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;

/**
 * A query parameter the contract declares with one value, given twice, is a 400 naming it, for
 * every operation, here: the validator would check the first value and a handler might read
 * another, and a cache would keep two URLs for one answer. Requests without a query are not looked at.
 */
final class SingleQueryValues implements Handler<RoutingContext> {
  private final OpenAPIContract contract;

  SingleQueryValues(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String query = request.query();
    Operation operation = query == null || query.isEmpty() ? null : RequestOperation.of(rc, contract);
    if (operation != null) {
      MultiMap params = rc.queryParams();
      for (Parameter parameter : operation.getParameters()) {
        if (parameter.getIn() == Location.QUERY && parameter.getSchemaType() != SchemaType.ARRAY
            && params.getAll(parameter.getName()).size() > 1) {
          rc.fail(ProblemException.badRequest(parameter.getName() + ": must be given at most once"));
          return;
        }
      }
    }
    rc.next();
  }
}
