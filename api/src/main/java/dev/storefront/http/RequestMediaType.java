package dev.storefront.http;

import dev.storefront.web.MediaTypes;
import dev.storefront.web.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;
import java.util.Set;

/**
 * A request body in a media type its operation does not declare is a 415, for every operation, here,
 * and so is one sent with a content coding (none is taken: the 415 says {@code Accept-Encoding: identity}).
 * Media types match as RFC 9110 8.3.1 says: type and subtype case-insensitively, parameters aside
 * ("Application/JSON; charset=UTF-8" is JSON). The contract validator matches the header by a
 * case-sensitive prefix and calls a mismatch a 400, so a matching header is rewritten to the
 * declared spelling before it runs. A body without Content-Type is unsupported too (RFC 9110 8.3
 * lets the server take it as application/octet-stream). Operations whose body the router's contract
 * leaves out ({@link ContractLoader}) check their own, and requests without a body are not looked at.
 */
final class RequestMediaType implements Handler<RoutingContext> {
  private final OpenAPIContract contract;

  RequestMediaType(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (codedBody(request)) {
      // RFC 9110 15.5.16: a 415 for a content coding names the codings accepted.
      rc.response().putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
      rc.fail(ProblemException.of(415, "Send the body without a content coding (Content-Encoding)."));
      return;
    }
    RequestBody declared = rc.body() == null || rc.body().length() <= 0 ? null : declaredBody(rc);
    if (declared == null) {
      rc.next();
      return;
    }
    Set<String> types = declared.getContent().keySet();
    String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String match = sent == null ? null : matching(types, sent);
    if (match == null) {
      String accepted = String.join(", ", types);
      if (request.method() == HttpMethod.POST) rc.response().putHeader("Accept-Post", accepted);
      if (request.method() == HttpMethod.PATCH) rc.response().putHeader("Accept-Patch", accepted);
      rc.fail(ProblemException.of(415, "Send the body as " + String.join(" or ", types) + "."));
      return;
    }
    int semicolon = sent.indexOf(';');
    String canonical = semicolon < 0 ? match : match + sent.substring(semicolon);
    if (!canonical.equals(sent)) request.headers().set(HttpHeaders.CONTENT_TYPE, canonical);
    rc.next();
  }

  /**
   * A body sent with a content coding other than identity: no operation takes one, and read as is
   * a gzip body would be "not valid JSON" and a plain one labelled {@code br} accepted.
   */
  static boolean codedBody(HttpServerRequest request) {
    String coding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (coding == null || coding.isBlank() || coding.trim().equalsIgnoreCase("identity")) return false;
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.equals("0");
  }

  private RequestBody declaredBody(RoutingContext rc) {
    Operation operation = RequestOperation.of(rc, contract);
    return operation == null ? null : operation.getRequestBody();
  }

  /** The declared type {@code contentType} is, ignoring case, parameters and spaces around them; or null. */
  static String matching(Set<String> declared, String contentType) {
    String base = MediaTypes.essence(contentType);
    for (String type : declared) if (type.equalsIgnoreCase(base)) return type;
    return null;
  }
}
