package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bearer authentication (RFC 6750) for the contract's {@code bearerAuth} operations. Anything but
 * exactly one {@code Authorization: Bearer <compact JWS>} header is a 401 here; a well-formed
 * token goes to Vert.x's handler, which verifies it through the given {@link JWTAuth} and sets the
 * user (its own parser would answer some malformed headers with a bare 400). Every 401 carries the
 * challenge from {@link #challenge}.
 */
public final class BearerAuth implements JWTAuthHandler {
  public static final String REALM = "storefront";
  private static final String PRESENTED = "bearer.presented";
  private static final Pattern BEARER_SCHEME = Pattern.compile("(?i)bearer(?: .*)?");
  /** A bearer credential with a token in it: only then is a refusal about a token (RFC 6750 3.1). */
  private static final Pattern BEARER_TOKEN = Pattern.compile("(?i)bearer +\\S.*");
  private static final Pattern COMPACT_JWS = Pattern.compile("(?i)bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private final JWTAuthHandler verifier;

  public BearerAuth(JWTAuth tokens) {
    this.verifier = JWTAuthHandler.create(tokens);
  }

  @Override
  public void handle(RoutingContext rc) {
    List<String> lines = rc.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (lines.isEmpty()) {
      rc.fail(unauthorized("This operation needs a bearer access token."));
      return;
    }
    ProblemException refused = refusal(rc, lines);
    if (refused != null) {
      rc.fail(refused);
      return;
    }
    verifier.handle(rc);
  }

  /** Why present {@code Authorization} lines are not one well-formed bearer token; null when they are. */
  private static ProblemException refusal(RoutingContext rc, List<String> lines) {
    if (lines.size() == 1 && !BEARER_SCHEME.matcher(lines.get(0)).matches()) {
      return unauthorized("Only bearer access tokens are accepted here.");
    }
    if (lines.size() > 1 || BEARER_TOKEN.matcher(lines.get(0)).matches()) rc.put(PRESENTED, Boolean.TRUE);
    if (lines.size() > 1 || !COMPACT_JWS.matcher(lines.get(0)).matches()) {
      return unauthorized("The access token is not valid.");
    }
    return null;
  }

  /**
   * For public operations that answer differently when signed in: no {@code Authorization} header
   * is an anonymous caller (a null user); a header present must be one valid bearer token, else the
   * same 401 as on protected operations, so an expired token is refreshed rather than silently
   * treated as someone else.
   */
  public static Future<User> optional(JWTAuth tokens, RoutingContext rc) {
    List<String> lines = rc.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (lines.isEmpty()) return Future.succeededFuture();
    ProblemException refused = refusal(rc, lines);
    if (refused != null) return Future.failedFuture(refused);
    return tokens.authenticate(new TokenCredentials(lines.get(0).substring("bearer ".length())))
        .recover(e -> Future.failedFuture(unauthorized("The access token is not valid.")));
  }

  /**
   * For routes that check a bearer token themselves, once they refuse the caller: when the request
   * sent one {@code Authorization: Bearer} line, its 401 says the token was refused.
   */
  public static void tokenRefused(RoutingContext rc) {
    List<String> lines = rc.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (lines.size() == 1 && BEARER_TOKEN.matcher(lines.get(0)).matches()) rc.put(PRESENTED, Boolean.TRUE);
  }

  /**
   * The {@code WWW-Authenticate} value for a 401 of this request: the bare challenge, plus
   * {@code error="invalid_token"} when a bearer token was presented and refused (RFC 6750 section 3).
   */
  public static String challenge(RoutingContext rc) {
    String challenge = "Bearer realm=\"" + REALM + "\"";
    return Boolean.TRUE.equals(rc.get(PRESENTED)) ? challenge + ", error=\"invalid_token\"" : challenge;
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail);
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    throw new UnsupportedOperationException("roles are checked per operation, not as scopes");
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    throw new UnsupportedOperationException("roles are checked per operation, not as scopes");
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    throw new UnsupportedOperationException("roles are checked per operation, not as scopes");
  }
}
