package dev.storefront.auth;

import dev.storefront.config.AuthSettings;
import dev.storefront.security.AttemptLog;
import dev.storefront.security.AttemptLog.Counts;
import dev.storefront.security.ClientIp;
import dev.storefront.security.SecurityCounters;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import java.util.HexFormat;

/**
 * Failed-login counters, kept separately per account and per client IP, in Redis (shared by every
 * instance, failing closed). Each attempt is recorded as pending before its password is checked,
 * and counts against the thresholds while pending, so parallel guesses cannot all slip under one;
 * a wrong password confirms it as a failure, anything else takes it back. Past the captcha
 * threshold in the short window a login must carry a verified captcha; past the lock threshold in
 * the hour it is refused with 429 until the oldest failure leaves the window. Accounts are keyed by
 * a hash of the email, known or not, so answers reveal nothing.
 */
public final class LoginThrottle {
  private static final long HOUR_MS = 3_600_000;
  /** How long an attempt whose verdict never arrived keeps counting (a sign-in takes well under a second). */
  static final long PENDING_MS = 60_000;

  /** A login attempt in progress: its id in both logs, and whether it needs a captcha. */
  public record Attempt(String id, String account, String address, boolean captchaRequired) {}

  private final AttemptLog log;
  private final AuthSettings settings;

  public LoginThrottle(SecurityCounters counters, AuthSettings settings) {
    this(counters, settings, PENDING_MS);
  }

  LoginThrottle(SecurityCounters counters, AuthSettings settings, long pendingMs) {
    this.log = new AttemptLog(counters, settings.loginFailureWindowMinutes() * 60_000L, HOUR_MS, pendingMs);
    this.settings = settings;
  }

  /**
   * Records the attempt; fails with 429 when the account or address is locked, and with 503 when
   * Redis does not answer, in both cases taking back whatever may have been recorded.
   */
  public Future<Attempt> begin(String email, String ip) {
    Attempt started = new Attempt(AttemptLog.newId(), accountKey(email), ipKey(ip), false);
    Future<Counts> account = log.begin(started.account(), started.id());
    Future<Counts> address = log.begin(started.address(), started.id());
    // join, not all: wait for both, since a failed begin may still have been applied
    return Future.join(account, address)
        .recover(e -> withdraw(started).transform(ignored -> Future.failedFuture(e)))
        .compose(both -> {
          Counts a = account.result();
          Counts b = address.result();
          Attempt attempt = new Attempt(started.id(), started.account(), started.address(),
              a.recent() >= settings.loginCaptchaAfterFailures() || b.recent() >= settings.ipCaptchaAfterFailures());
          boolean accountLocked = a.total() >= settings.loginLockAfterFailures();
          if (!accountLocked && b.total() < settings.ipLockAfterFailures()) return Future.succeededFuture(attempt);
          long wait = accountLocked ? a.resetSeconds() : b.resetSeconds();
          ProblemException locked = new ProblemException(429, "login-locked", "Too many failed sign-ins",
              "Too many failed sign-ins; retry after " + wait + " s.").retryAfter(wait);
          return withdraw(attempt).transform(ignored -> Future.failedFuture(locked));
        });
  }

  /** The attempt was refused before or without a password verdict: it is not a failure. */
  public Future<Void> withdraw(Attempt attempt) {
    return Future.join(log.withdraw(attempt.account(), attempt.id()), log.withdraw(attempt.address(), attempt.id()))
        .mapEmpty();
  }

  /** The password was wrong: the attempt counts as a failure of the account and the address. */
  public Future<Void> failed(Attempt attempt) {
    return Future.join(log.confirm(attempt.account(), attempt.id()), log.confirm(attempt.address(), attempt.id()))
        .mapEmpty();
  }

  /** The password was right: clears the account's failures and takes back this attempt's address record. */
  public Future<Void> succeeded(Attempt attempt) {
    return Future.join(log.clear(attempt.account(), attempt.id()), log.withdraw(attempt.address(), attempt.id()))
        .mapEmpty();
  }

  static String accountKey(String email) {
    return "login:acct:" + HexFormat.of().formatHex(Digests.sha256(email), 0, 16);
  }

  private static String ipKey(String ip) {
    return "login:ip:" + ClientIp.bucket(ip);
  }
}
