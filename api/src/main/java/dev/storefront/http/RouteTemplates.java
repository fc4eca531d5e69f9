package dev.storefront.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;

/** Maps a concrete path back to its OpenAPI template, for requests that failed before routing. */
public final class RouteTemplates {
  private final OpenAPIContract contract;

  public RouteTemplates(OpenAPIContract contract) {
    this.contract = contract;
  }

  public String templateOf(String path) {
    if (path == null) return "unmatched";
    Path match = contract.findPath(path);
    return match == null ? "unmatched" : match.getName();
  }

  /** The operation a request was routed to (HEAD is answered as GET), or null. */
  public Operation operationOf(String path, HttpMethod method) {
    if (path == null) return null;
    return contract.findOperation(path, method == HttpMethod.HEAD ? HttpMethod.GET : method);
  }
}
