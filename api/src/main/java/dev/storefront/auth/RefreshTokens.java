package dev.storefront.auth;

import dev.storefront.config.AuthSettings;
import dev.storefront.db.SqlFiles;
import dev.storefront.events.Events;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.RowSet;
import org.slf4j.LoggerFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque refresh tokens: 32 bytes handed to the client, only their SHA-256 stored. A sign-in starts
 * with random bytes; each rotation hands out the token's {@link RefreshSuccessors successor}.
 * {@link #rotate} runs in one transaction with the token row locked. A used token presented again
 * within the reuse grace (two tabs refreshing at once) gets the same successor, as long as that is
 * still unused; any other reuse means someone holds a copy, and the family is revoked.
 */
public final class RefreshTokens {
  private static final String INSERT = SqlFiles.load("auth/insert-refresh-token.sql");
  private static final String FOR_UPDATE = SqlFiles.load("auth/refresh-token-for-update.sql");
  private static final String MARK_USED = SqlFiles.load("auth/mark-refresh-token-used.sql");
  private static final String REVOKE_FAMILY = SqlFiles.load("auth/revoke-family.sql");
  private static final String SESSION_ACTIVE = SqlFiles.load("auth/session-active.sql");
  private static final String PRUNE = SqlFiles.load("auth/prune-refresh-tokens.sql");
  private static final String USABLE = SqlFiles.load("auth/refresh-token-usable.sql");
  private static final long PRUNE_EVERY_MS = 3_600_000;

  /** The outcome of presenting a refresh token. */
  public record Rotation(long userId, String role, String newToken, UUID session) {}

  /** A new refresh token and the sign-in (family) it starts; access tokens carry the latter as {@code sid}. */
  public record Issued(String token, UUID session) {}

  /** Thrown (as a failed future) for unknown, expired, revoked or reused tokens. */
  public static final class Rejected extends RuntimeException {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Pool pool;
  private final int ttlDays;
  private final int reuseGraceSeconds;
  private final RefreshSuccessors successors;
  private final SecureRandom random = new SecureRandom();

  public RefreshTokens(Pool pool, AuthSettings settings) {
    this.pool = pool;
    this.ttlDays = settings.refreshTokenTtlDays();
    this.reuseGraceSeconds = settings.refreshReuseGraceSeconds();
    this.successors = new RefreshSuccessors(settings.jwtPrivateKeyPem());
  }

  /** Starts a new family (a sign-in), which ends {@code ttlDays} later however often it rotates. */
  public Future<Issued> issue(long userId) {
    return pool.withConnection(c -> issue(c, userId));
  }

  /** As {@link #issue(long)}, on {@code connection} (e.g. in the transaction that made the user). */
  public Future<Issued> issue(SqlConnection connection, long userId) {
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(ttlDays);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    UUID session = UUID.randomUUID();
    return insert(connection, userId, session, expires, token).map(t -> new Issued(t, session));
  }

  public Future<Rotation> rotate(String token) {
    return pool.withTransaction(tx -> tx.preparedQuery(FOR_UPDATE).execute(Tuple.of(hash(token))).compose(rows -> {
      if (!rows.iterator().hasNext()) return Future.failedFuture(new Rejected("unknown"));
      Row row = rows.iterator().next();
      UUID family = row.getUUID("family_id");
      if (row.getBoolean("revoked") || row.getBoolean("expired")) return Future.failedFuture(new Rejected("expired or revoked"));
      long userId = row.getLong("user_id");
      String successor = successors.of(token);
      if (row.getBoolean("used")) {
        return withinGrace(row)
            ? tx.preparedQuery(USABLE).execute(Tuple.of(hash(successor), family)).compose(next ->
                next.iterator().hasNext() && next.iterator().next().getBoolean("usable")
                    ? Future.succeededFuture(new Rotation(userId, row.getString("role"), successor, family))
                    : revoke(tx, userId, family))
            : revoke(tx, userId, family);
      }
      return tx.preparedQuery(MARK_USED).execute(Tuple.of(row.getLong("id")))
          .compose(v -> insert(tx, userId, family, row.getOffsetDateTime("expires_at"), successor))
          .map(next -> new Rotation(userId, row.getString("role"), next, family));
    })).compose(r -> r.newToken() == null ? Future.failedFuture(new Rejected("reused")) : Future.succeededFuture(r));
  }

  private boolean withinGrace(Row row) {
    Number ago = row.getNumeric("used_seconds_ago");
    return reuseGraceSeconds > 0 && ago != null && ago.doubleValue() <= reuseGraceSeconds;
  }

  /**
   * A rotated token came back outside the grace: someone holds a copy. Ends the whole family, and
   * commits that before refusing (outside the transaction, so it is not rolled back).
   */
  private static Future<Rotation> revoke(SqlClient tx, long userId, UUID family) {
    return revokeFamily(tx, userId, family).map(ignored -> new Rotation(-1, null, null, family));
  }

  /** Ends a sign-in, and tells its open streams (through the outbox) in the same transaction. */
  private static Future<Void> revokeFamily(SqlClient tx, long userId, UUID family) {
    return tx.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(family))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture() : Events.sessionRevoked(tx, userId, family));
  }

  /** True while the sign-in has a token that is neither revoked nor expired. */
  public Future<Boolean> active(long userId, UUID session) {
    return pool.preparedQuery(SESSION_ACTIVE).execute(Tuple.of(userId, session))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Revokes the family of this token; unknown tokens are ignored (logout is idempotent). */
  public Future<Void> revokeFamilyOf(String token) {
    return pool.withTransaction(tx -> tx.preparedQuery(FOR_UPDATE).execute(Tuple.of(hash(token))).compose(rows -> {
      if (!rows.iterator().hasNext()) return Future.succeededFuture();
      Row row = rows.iterator().next();
      return revokeFamily(tx, row.getLong("user_id"), row.getUUID("family_id"));
    }));
  }

  /** Deletes tokens that can no longer be used; returns how many. */
  public Future<Integer> prune() {
    return pool.query(PRUNE).execute().map(RowSet::rowCount);
  }

  /** Prunes every hour from now on (idempotent, so every instance may do it). */
  public long schedulePruning(Vertx vertx) {
    return vertx.setPeriodic(PRUNE_EVERY_MS, id -> prune()
        .onFailure(e -> LoggerFactory.getLogger(RefreshTokens.class).warn("refresh token pruning failed: {}", e.toString())));
  }

  private static Future<String> insert(SqlClient client, long userId, UUID family, OffsetDateTime expires, String token) {
    return client.preparedQuery(INSERT).execute(Tuple.of(userId, family, hash(token), expires)).map(token);
  }

  static Buffer hash(String token) {
    return Buffer.buffer(Digests.sha256(token));
  }

}
