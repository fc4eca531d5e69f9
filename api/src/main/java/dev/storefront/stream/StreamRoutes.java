package dev.storefront.stream;

import dev.storefront.auth.RefreshTokens;
import dev.storefront.events.EventHistory;
import dev.storefront.events.Events;
import dev.storefront.events.FeedEvent;
import dev.storefront.http.RequestContextHandler;
import dev.storefront.http.SecurityHeaders;
import dev.storefront.security.BearerAuth;
import dev.storefront.security.Caller;
import dev.storefront.security.ClientIp;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * {@code GET /api/v1/inventory/stream} (public stock changes, optionally of some products),
 * {@code GET /api/v1/me/stream} (the caller's orders and points; opened with a stream ticket or a
 * bearer token) and {@code POST /api/v1/me/stream-tokens} (the ticket).
 */
public final class StreamRoutes implements Feature {
  private final StreamHub hub;
  private final StreamTokens tickets;
  private final JWTAuth accessTokens;
  private final RefreshTokens sessions;
  private final ClientIp clientIp;

  public StreamRoutes(StreamHub hub, StreamTokens tickets, JWTAuth accessTokens, RefreshTokens sessions,
      ClientIp clientIp) {
    this.hub = hub;
    this.tickets = tickets;
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.clientIp = clientIp;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("streamInventory").addHandler(this::inventory);
    builder.getRoute("streamMyEvents").addHandler(this::mine);
    builder.getRoute("createStreamToken").addHandler(this::ticket);
  }

  @Override
  public Future<Void> stop() {
    return hub.closeAll();
  }

  private void inventory(RoutingContext rc) {
    Long[] products = StreamRequests.products(rc.queryParams().get("products"));
    Long resume = StreamRequests.resumeAfter(rc);
    java.util.Set<Long> wanted = products == null ? null : java.util.Set.of(products);
    EventHistory.Filter filter = new EventHistory.Filter(StreamKind.INVENTORY.types(), products, null);
    open(rc, StreamKind.INVENTORY, filter, e -> wanted == null || wanted.contains(e.productId()), null, resume, null,
        null);
  }

  private void mine(RoutingContext rc) {
    Long resume = StreamRequests.resumeAfter(rc);
    String ticket = rc.queryParams().get("token");
    holder(rc, ticket).onSuccess(holder -> {
      long userId = holder.userId();
      String sid = holder.session().toString();
      EventHistory.Filter filter = new EventHistory.Filter(StreamKind.USER.types(), null, userId);
      Long owner = userId;
      open(rc, StreamKind.USER, filter, e -> owner.equals(e.userId()), owner, resume,
          e -> Events.SESSION_REVOKED.equals(e.type()) && owner.equals(e.userId())
              && sid.equals(new JsonObject(e.data()).getString("sid")),
          ticket == null ? null : () -> tickets.redeem(ticket).map(redeemed -> redeemed != null));
    }).onFailure(rc::fail);
  }

  /**
   * Opens the stream once it holds a slot and, for a ticket, once the ticket is used up: a refusal
   * (503 stopping, 429 at a cap) or a HEAD leaves the ticket for the next try. {@code claim} is
   * false when the ticket was used meanwhile.
   */
  private void open(RoutingContext rc, StreamKind kind, EventHistory.Filter filter,
      java.util.function.Predicate<FeedEvent> accepts, Long userId, Long resume,
      java.util.function.Predicate<FeedEvent> closesOn, java.util.function.Supplier<Future<Boolean>> claim) {
    if (hub.closing()) {
      rc.fail(new ProblemException(503, "service-unavailable", "Service unavailable",
          "This instance is stopping; reconnect.").retryAfter(1));
      return;
    }
    if (SecurityHeaders.isHead(rc)) {
      // What a GET would start with, and no stream to hold open.
      EventStream.headers(rc.response(), kind).end();
      return;
    }
    // Counted per IPv4 address and per IPv6 /64, as every other per-address limit.
    String ip = ClientIp.bucket(clientIp.of(rc.request()));
    String refused = hub.limits.acquire(ip, userId);
    if (refused != null) {
      rc.fail(new ProblemException(429, "too-many-streams", "Too many event streams", refused).retryAfter(10));
      return;
    }
    Future<Boolean> claimed = claim == null ? Future.succeededFuture(true) : claim.get();
    claimed.onComplete(ar -> {
      if (ar.succeeded() && ar.result() && !rc.response().closed()) {
        start(rc, kind, filter, accepts, ip, userId, resume, closesOn);
        return;
      }
      hub.limits.release(ip, userId);
      if (!rc.response().closed()) rc.fail(ar.failed() ? ar.cause() : unauthorized(HOW_TO_OPEN));
    });
  }

  private void start(RoutingContext rc, StreamKind kind, EventHistory.Filter filter,
      java.util.function.Predicate<FeedEvent> accepts, String ip, Long userId, Long resume,
      java.util.function.Predicate<FeedEvent> closesOn) {
    rc.put(RequestContextHandler.STREAM, Boolean.TRUE);
    EventStream stream = new EventStream(hub, kind, rc, filter, accepts, ip, userId,
        rc.get(RequestContextHandler.REQUEST_ID));
    if (closesOn != null) stream.closingOn(closesOn);
    stream.open(resume);
  }

  /**
   * Who the ticket in {@code token} (looked at, not used up: {@link #open} does that) or else the
   * bearer access token names; either way the sign-in must still be live.
   */
  private Future<StreamTokens.Holder> holder(RoutingContext rc, String ticket) {
    Future<StreamTokens.Holder> claimed = ticket != null ? tickets.peek(ticket)
        : StreamRequests.bearer(rc) == null ? Future.succeededFuture(null)
        : accessTokens.authenticate(new TokenCredentials(StreamRequests.bearer(rc)))
            .map(user -> session(Caller.claims(user)))
            .otherwise(e -> null);
    return claimed.compose(holder -> holder == null ? refused(rc, ticket, HOW_TO_OPEN)
        : sessions.active(holder.userId(), holder.session())
            .compose(live -> live ? Future.succeededFuture(holder) : refused(rc, ticket, HOW_TO_OPEN)));
  }

  /** The 401; its challenge says the token was refused when a bearer token, not a ticket, was sent. */
  private static <T> Future<T> refused(RoutingContext rc, String ticket, String detail) {
    if (ticket == null) BearerAuth.tokenRefused(rc);
    return Future.failedFuture(unauthorized(detail));
  }

  /** A ticket for a live sign-in only: after a logout the access token still verifies, but its sign-in is over. */
  private void ticket(RoutingContext rc) {
    StreamTokens.Holder holder = session(Caller.claims(rc.user()));
    if (holder == null) {
      rc.fail(unauthorized("Sign in again to open streams."));
      return;
    }
    sessions.active(holder.userId(), holder.session())
        .compose(live -> live ? tickets.issue(holder.userId(), holder.session())
            : refused(rc, null, "This sign-in has ended; sign in again to open streams."))
        .onSuccess(token -> Responses.privateJson(rc, 201, new JsonObject().put("token", token)
            .put("expiresIn", tickets.ttlSeconds()).toBuffer()))
        .onFailure(rc::fail);
  }

  /** The user and sign-in of verified access-token claims; null for tokens from before sign-ins were named. */
  private static StreamTokens.Holder session(JsonObject claims) {
    String sid = claims.getString("sid");
    if (sid == null) return null;
    try {
      return new StreamTokens.Holder(Long.parseLong(claims.getString("sub")), UUID.fromString(sid));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final String HOW_TO_OPEN =
      "Open this stream with a fresh stream token (POST /api/v1/me/stream-tokens) or a bearer access token.";

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail);
  }
}
