package dev.storefront.auth;

import dev.storefront.security.Caller;
import dev.storefront.security.ClientIp;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Feature;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.BiFunction;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Accounts and the signed-in user's profile; bodies are validated by the contract first. */
public final class AuthRoutes implements Feature {
  private final AuthService auth;
  private final ClientIp clientIp;
  /** What other features add to the profile (points and badge). */
  private final BiFunction<JsonObject, Long, Future<JsonObject>> profileExtras;

  public AuthRoutes(AuthService auth, ClientIp clientIp, BiFunction<JsonObject, Long, Future<JsonObject>> profileExtras) {
    this.auth = auth;
    this.clientIp = clientIp;
    this.profileExtras = profileExtras;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("signup").addHandler(this::signup);
    builder.getRoute("login").addHandler(this::login);
    builder.getRoute("refresh").addHandler(this::refresh);
    builder.getRoute("logout").addHandler(this::logout);
    builder.getRoute("getMe").addHandler(this::me);
    builder.getRoute("updateMe").addHandler(this::updateMe);
  }

  private void signup(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    auth.signup(body.getString("email"), body.getString("password"), body.getString("displayName"))
        .onSuccess(tokens -> Responses.privateJson(rc, 201, tokens.toBuffer())).onFailure(rc::fail);
  }

  private void login(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    auth.login(body.getString("email"), body.getString("password"), body.getString("captchaToken"),
            clientIp.of(rc.request()))
        .onSuccess(tokens -> Responses.privateJson(rc, 200, tokens.toBuffer())).onFailure(rc::fail);
  }

  private void refresh(RoutingContext rc) {
    auth.refresh(rc.body().asJsonObject().getString("refreshToken"))
        .onSuccess(tokens -> Responses.privateJson(rc, 200, tokens.toBuffer())).onFailure(rc::fail);
  }

  private void logout(RoutingContext rc) {
    auth.logout(rc.body().asJsonObject().getString("refreshToken"))
        .onSuccess(v -> rc.response().setStatusCode(204).end()).onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    long user = Caller.userId(rc.user());
    auth.profile(user).compose(p -> profileExtras.apply(p, user))
        .onSuccess(p -> Responses.privateJson(rc, 200, p.toBuffer())).onFailure(rc::fail);
  }

  private void updateMe(RoutingContext rc) {
    long user = Caller.userId(rc.user());
    auth.updateProfile(user, rc.body().asJsonObject().getString("displayName")).compose(p -> profileExtras.apply(p, user))
        .onSuccess(p -> Responses.privateJson(rc, 200, p.toBuffer())).onFailure(rc::fail);
  }
}
