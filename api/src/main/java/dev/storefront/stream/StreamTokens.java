package dev.storefront.stream;

import dev.storefront.auth.Digests;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived, single-use tickets for opening the user's event stream. Browsers' EventSource cannot
 * send an Authorization header, and an access token in a URL ends up in logs; a ticket that dies on
 * first use or within seconds is worth nothing there. Redis holds only their SHA-256. Fails closed:
 * without Redis no ticket is issued or accepted.
 */
public final class StreamTokens {
  /** Who a redeemed ticket was issued to: the user and the sign-in it hangs on. */
  public record Holder(long userId, UUID session) {}

  private final Redis redis;
  private final String namespace;
  private final int ttlSeconds;
  private final long timeoutMs;
  private final SecureRandom random = new SecureRandom();

  public StreamTokens(Redis redis, String namespace, int ttlSeconds, long timeoutMs) {
    this.redis = redis;
    this.namespace = namespace + ":stream-token:";
    this.ttlSeconds = ttlSeconds;
    this.timeoutMs = timeoutMs;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public Future<String> issue(long userId, UUID session) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return send(Request.cmd(Command.SET).arg(key(token)).arg(userId + " " + session).arg("EX").arg(ttlSeconds))
        .map(token);
  }

  /** The holder, or null when the ticket is unknown, used or expired; the ticket is used up. */
  public Future<Holder> redeem(String token) {
    return send(Request.cmd(Command.GETDEL).arg(key(token))).map(StreamTokens::holder);
  }

  /** The same without using the ticket up (a HEAD request opens no stream). */
  public Future<Holder> peek(String token) {
    return send(Request.cmd(Command.GET).arg(key(token))).map(StreamTokens::holder);
  }

  private static Holder holder(io.vertx.redis.client.Response value) {
    if (value == null) return null;
    String[] parts = value.toString().split(" ", 2);
    return new Holder(Long.parseLong(parts[0]), UUID.fromString(parts[1]));
  }

  private String key(String token) {
    return namespace + HexFormat.of().formatHex(Digests.sha256(token));
  }

  private Future<io.vertx.redis.client.Response> send(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(new ProblemException(503, "service-unavailable", "Service unavailable",
            "Stream tickets are unavailable; retry shortly.")));
  }
}
