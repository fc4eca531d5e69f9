package dev.storefront.auth;

import dev.storefront.config.AuthSettings;
import dev.storefront.security.ClientIp;
import dev.storefront.web.ProblemException;
import dev.storefront.security.SecurityCounters;
import dev.storefront.security.SecurityCounters.Pending;
import io.vertx.core.Future;
import java.util.HexFormat;

/**
 * Failed-login counters, kept separately per account and per client IP, in Redis (shared by every
 * instance, failing closed). Each attempt is recorded as a failure before its password is checked
 * and taken back if it turns out not to be one, so parallel guesses cannot all slip under a
 * threshold. Past the captcha threshold in the short window a login must carry a verified captcha;
 * past the lock threshold in the hour it is refused with 429 until the oldest failure leaves the
 * window. Accounts are keyed by a hash of the email, known or not, so answers reveal nothing.
 */
public final class LoginThrottle {
  private static final long HOUR_MS = 3_600_000;

  /** A login attempt in progress: its two pending failure records and whether it needs a captcha. */
  public record Attempt(boolean captchaRequired, Pending account, Pending address) {}

  private final SecurityCounters counters;
  private final AuthSettings settings;
  private final long shortWindowMs;

  public LoginThrottle(SecurityCounters counters, AuthSettings settings) {
    this.counters = counters;
    this.settings = settings;
    this.shortWindowMs = settings.loginFailureWindowMinutes() * 60_000L;
  }

  /** Records the attempt; fails with 429 (the attempt withdrawn) when the account or address is locked. */
  public Future<Attempt> begin(String email, String ip) {
    Future<Pending> account = counters.begin(accountKey(email), shortWindowMs, HOUR_MS);
    Future<Pending> address = counters.begin(ipKey(ip), shortWindowMs, HOUR_MS);
    return Future.all(account, address).compose(all -> {
      Attempt attempt = new Attempt(
          account.result().recent() >= settings.loginCaptchaAfterFailures()
              || address.result().recent() >= settings.ipCaptchaAfterFailures(),
          account.result(), address.result());
      boolean accountLocked = account.result().total() >= settings.loginLockAfterFailures();
      if (!accountLocked && address.result().total() < settings.ipLockAfterFailures()) {
        return Future.succeededFuture(attempt);
      }
      long wait = accountLocked ? account.result().resetSeconds() : address.result().resetSeconds();
      ProblemException locked = new ProblemException(429, "login-locked", "Too many failed sign-ins",
          "Too many failed sign-ins; retry after " + wait + " s.").retryAfter(wait);
      return withdraw(attempt).compose(v -> Future.failedFuture(locked));
    });
  }

  /** The attempt was refused before its password was checked: it is not a failure. */
  public Future<Void> withdraw(Attempt attempt) {
    return Future.all(counters.withdraw(attempt.account()), counters.withdraw(attempt.address())).mapEmpty();
  }

  /** The password was right: clears the account's failures and takes back this attempt's address record. */
  public Future<Void> succeeded(String email, Attempt attempt) {
    return Future.all(counters.clear(accountKey(email)), counters.withdraw(attempt.address())).mapEmpty();
  }

  private static String accountKey(String email) {
    return "login:acct:" + HexFormat.of().formatHex(Digests.sha256(email), 0, 16);
  }


  private static String ipKey(String ip) {
    return "login:ip:" + ClientIp.bucket(ip);
  }
}
