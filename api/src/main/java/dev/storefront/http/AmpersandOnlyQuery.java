package dev.storefront.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A request whose query has a {@code ;}, seen by everything downstream with that {@code ;} as
 * {@code %3B}: Netty's decoder (behind {@code rc.queryParams()} and {@code request.params()}, which
 * the OpenAPI validator reads) splits parameters on {@code ;} too, so {@code ?size=1&utm=x;category=5}
 * would filter by a category that a cache keyed on the {@code &} parameters never saw. With
 * {@code &} the only separator, {@code ;} belongs to a value ({@code q=a;b} searches "a;b").
 */
final class AmpersandOnlyQuery extends HttpServerRequestWrapper {
  private final String uri;
  private final String query;

  private AmpersandOnlyQuery(HttpServerRequestInternal delegate, String query) {
    super(delegate);
    this.query = query.replace(";", "%3B");
    this.uri = delegate.path() + "?" + this.query;
  }

  /** {@code request} itself unless its query has a {@code ;}. */
  static HttpServerRequest of(HttpServerRequest request) {
    String query = request.query();
    if (query == null || query.indexOf(';') < 0) return request;
    return new AmpersandOnlyQuery((HttpServerRequestInternal) request, query);
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String query() {
    return query;
  }

  @Override
  public MultiMap params(boolean semicolonIsNormalChar) {
    return delegate.params(true);
  }
}
