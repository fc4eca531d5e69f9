package storefront.perf;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocol every simulation uses against the API. */
final class ApiProtocol {
  private ApiProtocol() {}

  // Caching off: Gatling would otherwise replay ETag/Last-Modified and count 304s.
  // Shared connections: like an ingress keeping a pool to the pods, rather than one new TCP
  // connection per virtual user, so the run measures the API and not connection setup.
  // Warm-up against the target itself, not Gatling's default external URL.
  static HttpProtocolBuilder of(String baseUrl, String simulation) {
    return http
        .baseUrl(baseUrl)
        .warmUp(baseUrl + "/api/v1/categories")
        .disableCaching()
        .shareConnections()
        .acceptHeader("application/json")
        .userAgentHeader("storefront-perf/" + simulation);
  }
}
