package dev.storefront.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps a concrete path back to its OpenAPI template, for requests that failed before routing. */
public final class RouteTemplates {
  private static final List<HttpMethod> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
  private final OpenAPIContract contract;
  private final boolean preflights;

  /** {@code preflights}: OPTIONS is answered on every path (CORS is on). */
  public RouteTemplates(OpenAPIContract contract, boolean preflights) {
    this.contract = contract;
    this.preflights = preflights;
  }

  public String templateOf(String path) {
    if (path == null) return "unmatched";
    Path match = contract.findPath(path);
    return match == null ? "unmatched" : match.getName();
  }

  /**
   * The {@code Allow} value for {@code path}: the methods its contract operations have, HEAD with
   * GET (answered as GET), OPTIONS when preflights are answered. Empty for a path the contract lacks.
   */
  public String allowOf(String path) {
    Path match = path == null ? null : contract.findPath(path);
    if (match == null) return "";
    Set<HttpMethod> methods = new HashSet<>();
    for (Operation op : match.getOperations()) methods.add(op.getHttpMethod());
    if (methods.contains(HttpMethod.GET)) methods.add(HttpMethod.HEAD);
    if (preflights) methods.add(HttpMethod.OPTIONS);
    return ORDER.stream().filter(methods::contains).map(HttpMethod::name).collect(Collectors.joining(", "));
  }

  /**
   * The {@code Allow} value for the server as a whole ({@code OPTIONS *}): every method some contract
   * operation has, HEAD with GET, and OPTIONS, which {@code *} itself answers.
   */
  public String allowOfServer() {
    Set<HttpMethod> methods = new HashSet<>();
    for (Operation op : contract.operations()) methods.add(op.getHttpMethod());
    if (methods.contains(HttpMethod.GET)) methods.add(HttpMethod.HEAD);
    methods.add(HttpMethod.OPTIONS);
    return ORDER.stream().filter(methods::contains).map(HttpMethod::name).collect(Collectors.joining(", "));
  }

  /** The operation a request was routed to (HEAD is answered as GET), or null. */
  public Operation operationOf(String path, HttpMethod method) {
    if (path == null) return null;
    return contract.findOperation(path, method == HttpMethod.HEAD ? HttpMethod.GET : method);
  }
}
