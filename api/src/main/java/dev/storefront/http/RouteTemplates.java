package dev.storefront.http;

import io.vertx.openapi.contract.OpenAPIContract;
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
}
