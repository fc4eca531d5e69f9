package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import dev.storefront.web.VisibleText;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up, sign-in, token refresh and sign-out. Password hashing runs on worker threads. */
public final class AuthService {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  private final UserRepository users;
  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;
  private final PasswordHashing hashing;
  private final PasswordPolicy policy;
  private final LoginThrottle throttle;
  private final CaptchaVerifier captcha;
  private final int accessTtlSeconds;

  public AuthService(UserRepository users, RefreshTokens refreshTokens, AccessTokens accessTokens,
      PasswordHashing hashing, PasswordPolicy policy, LoginThrottle throttle, CaptchaVerifier captcha,
      int accessTtlSeconds) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.hashing = hashing;
    this.policy = policy;
    this.throttle = throttle;
    this.captcha = captcha;
    this.accessTtlSeconds = accessTtlSeconds;
  }

  public Future<JsonObject> signup(String rawEmail, String password, String displayName) {
    String email = EmailAddress.normalize(rawEmail);
    String name = displayName == null ? null : displayName(displayName);
    String accepted = policy.accept(password);
    // The account and its first sign-in in one transaction: a failure keeps neither, so the retry
    // a 503 asks for signs up rather than finding the email taken.
    return hashing.hash(accepted).compose(hash -> users.inTransaction(tx -> users.insert(tx, email, hash, name, "customer")
        .compose(row -> row == null
            ? Future.failedFuture(new ProblemException(409, "email-taken", "Email already registered",
                "An account with this email exists; sign in instead."))
            : refreshTokens.issue(tx, row.getLong("id")).map(refresh -> tokenPair(
                accessTokens.issue(row.getLong("id"), row.getString("role"), refresh.session()), refresh.token())))));
  }

  public Future<JsonObject> login(String rawEmail, String password, String captchaToken, String ip) {
    String email = EmailAddress.normalize(rawEmail);
    return throttle.begin(email, ip).compose(attempt -> {
      Future<SignIn> verified = (attempt.captchaRequired() ? requireCaptcha(captchaToken, ip) : Future.<Void>succeededFuture())
          .compose(v -> users.byEmail(email))
          // Unknown emails are checked against a dummy hash: same work, same answer.
          .compose(row -> verifyPassword(password, row == null ? null : row.getString("password_hash"))
              .map(match -> match == Match.NONE ? null : new SignIn(row, match == Match.OUTDATED)))
          // Refused before or without a password verdict (captcha, overload, outage): not a failure.
          .recover(e -> throttle.withdraw(attempt).transform(ignored -> Future.failedFuture(e)));
      return verified.compose(signIn -> signIn == null
          // The verdict stands even if recording it fails: the attempt then counts while pending.
          ? throttle.failed(attempt).transform(ignored -> Future.failedFuture(invalidCredentials()))
          : throttle.succeeded(attempt)
              .compose(v -> signIn.hashOutdated() ? upgradeHash(signIn.row(), password) : Future.succeededFuture())
              .compose(v -> tokens(signIn.row().getLong("id"), signIn.row().getString("role"))));
    });
  }

  public Future<JsonObject> refresh(String refreshToken) {
    return refreshTokens.rotate(refreshToken)
        .recover(e -> Future.failedFuture(e instanceof RefreshTokens.Rejected
            ? new ProblemException(401, "invalid-refresh-token", "Invalid refresh token", "Sign in again.") : e))
        .map(r -> tokenPair(accessTokens.issue(r.userId(), r.role(), r.session()), r.newToken()));
  }

  public Future<Void> logout(String refreshToken) {
    return refreshTokens.revokeFamilyOf(refreshToken);
  }

  public Future<JsonObject> profile(long userId) {
    return users.byId(userId).map(AuthService::profileJson);
  }

  public Future<JsonObject> updateProfile(long userId, String displayName) {
    return users.updateProfile(userId, displayName(displayName)).map(AuthService::profileJson);
  }

  /** Stored trimmed; one that is only spaces or invisible characters would show as no name at all. */
  private static String displayName(String raw) {
    return VisibleText.required("displayName", raw);
  }

  /** How a password matched its account's hash: not at all, or in a form worth re-hashing now. */
  private enum Match { NONE, CURRENT, OUTDATED }

  private record SignIn(Row row, boolean hashOutdated) {}

  /**
   * Hashes are of the NFKC form ({@link PasswordPolicy#normalize}); accounts made before that were
   * hashed as typed, so a password that normalisation changes is also tried as typed, for unknown
   * emails too (against the dummy), so the extra work says nothing about whether the account exists.
   * A match as typed, or against weaker parameters than today's, is {@link Match#OUTDATED}.
   */
  private Future<Match> verifyPassword(String typed, String stored) {
    String normalized = PasswordPolicy.normalize(typed);
    return hashing.verify(normalized, stored).compose(ok -> {
      if (ok) return Future.succeededFuture(PasswordHasher.isWeakerThanCurrent(stored) ? Match.OUTDATED : Match.CURRENT);
      if (normalized.equals(typed)) return Future.succeededFuture(Match.NONE);
      return hashing.verify(typed, stored).map(asTyped -> asTyped ? Match.OUTDATED : Match.NONE);
    });
  }

  /**
   * Stores a hash of the normalised password with today's parameters, on the hashing pool like any
   * other hash, and only over the hash that was verified (a password changed meanwhile stays).
   * The sign-in has succeeded either way: a failed upgrade is retried at the next one.
   */
  private Future<Void> upgradeHash(Row row, String typed) {
    long id = row.getLong("id");
    return hashing.hash(PasswordPolicy.normalize(typed))
        .compose(fresh -> users.upgradePasswordHash(id, row.getString("password_hash"), fresh))
        .<Void>mapEmpty()
        .recover(e -> {
          // A full hashing queue is load refused by design: logging it would make a line per sign-in in a flood.
          if (!(e instanceof ProblemException p && p.isShed())) {
            LOG.warn("password hash upgrade for user {} failed: {}", id, e.toString());
          }
          return Future.succeededFuture();
        });
  }

  private Future<Void> requireCaptcha(String token, String ip) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(captchaRequired("Too many failed sign-ins: solve the captcha and send its token."));
    }
    return captcha.verify(token, ip).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(captchaRequired("The captcha was not accepted; solve it again.")));
  }

  private Future<JsonObject> tokens(long userId, String role) {
    return refreshTokens.issue(userId)
        .map(refresh -> tokenPair(accessTokens.issue(userId, role, refresh.session()), refresh.token()));
  }

  private JsonObject tokenPair(String access, String refresh) {
    return new JsonObject().put("accessToken", access).put("tokenType", "Bearer")
        .put("expiresIn", accessTtlSeconds).put("refreshToken", refresh);
  }

  private static JsonObject profileJson(Row row) {
    if (row == null) throw ProblemException.notFound("No such account");
    return new JsonObject().put("id", row.getLong("id")).put("email", row.getString("email"))
        .put("displayName", row.getString("display_name")).put("role", row.getString("role"))
        .put("createdAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.getOffsetDateTime("created_at")));
  }

  static ProblemException invalidCredentials() {
    return new ProblemException(401, "invalid-credentials", "Invalid email or password", null);
  }

  private static ProblemException captchaRequired(String detail) {
    return new ProblemException(401, "captcha-required", "Captcha required", detail);
  }
}
