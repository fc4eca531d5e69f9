package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/** Who is calling: the verified access token's subject and roles. */
public final class Caller {
  private Caller() {}

  /** The verified token's claims (Vert.x keeps the decoded payload in the user's attributes). */
  public static JsonObject claims(User user) {
    JsonObject decoded = user.attributes().getJsonObject("accessToken");
    return decoded != null ? decoded : user.principal();
  }

  public static long userId(User user) {
    return Long.parseLong(claims(user).getString("sub"));
  }

  public static boolean hasRole(User user, String role) {
    JsonArray roles = claims(user).getJsonArray("roles");
    return roles != null && roles.contains(role);
  }

  /** Admin-only operations: a signed-in customer gets 403, not 401. */
  public static void requireAdmin(RoutingContext rc) {
    if (rc.user() != null && hasRole(rc.user(), "admin")) {
      rc.next();
    } else {
      rc.fail(new ProblemException(403, "forbidden", "Forbidden", "This operation needs the admin role."));
    }
  }
}
