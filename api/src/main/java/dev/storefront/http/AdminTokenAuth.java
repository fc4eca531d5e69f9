package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.handler.APIKeyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code adminApiKey} scheme: the operator token from {@code ADMIN_TOKEN}, compared in constant time. */
public final class AdminTokenAuth implements AuthenticationProvider {
  public static final String HEADER = "X-Admin-Token";
  private final byte[] expected;

  private AdminTokenAuth(String token) {
    this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  public static APIKeyHandler handler(String token) {
    return APIKeyHandler.create(new AdminTokenAuth(token)).header(HEADER);
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (expected != null && credentials instanceof TokenCredentials token && token.getToken() != null
        && MessageDigest.isEqual(expected, token.getToken().getBytes(StandardCharsets.UTF_8))) {
      return Future.succeededFuture(User.create(new JsonObject().put("sub", "admin")));
    }
    return Future.failedFuture("invalid admin token");
  }
}
