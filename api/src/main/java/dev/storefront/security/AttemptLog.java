package dev.storefront.security;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sign-in attempts of one subject (an account, an address) in two sorted sets of one hash slot:
 * {@code {subject}:p} holds attempts whose verdict is not known yet, {@code {subject}:f} confirmed
 * failures. Thresholds count both, so parallel guesses see each other; only {@link #confirm} makes
 * a failure that lasts. The caller picks each attempt's id, so it can take the attempt back even
 * when the reply to {@link #begin} was lost after Redis applied it; an attempt neither confirmed
 * nor withdrawn (the withdrawal itself lost) stops counting after {@code pendingMs}.
 */
public final class AttemptLog {
  /** What came before an attempt: counted in the short window and the long one, and the seconds until the oldest failure leaves the long one. */
  public record Counts(long recent, long total, long resetSeconds) {}

  // KEYS: failures, pending; ARGV: short ms, long ms, pending ms, id. Counts, then records, atomically.
  private static final String BEGIN = """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local short, long, pending = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - long)
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - pending)
      local open = redis.call('ZCARD', KEYS[2])
      local recent = redis.call('ZCOUNT', KEYS[1], now - short, '+inf') + open
      local total = redis.call('ZCARD', KEYS[1]) + open
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      local reset = 0
      if oldest[2] then reset = tonumber(oldest[2]) + long - now end
      redis.call('ZADD', KEYS[2], now, ARGV[4])
      redis.call('PEXPIRE', KEYS[2], pending)
      return {recent, total, reset}
      """;

  // KEYS: failures, pending; ARGV: long ms, id. Idempotent, so a retry or a late duplicate is harmless.
  private static final String CONFIRM = """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      redis.call('ZREM', KEYS[2], ARGV[2])
      redis.call('ZADD', KEYS[1], now, ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1
      """;

  // KEYS: failures, pending; ARGV: id.
  private static final String CLEAR = """
      redis.call('DEL', KEYS[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      return 1
      """;

  private final SecurityCounters counters;
  private final long shortMs;
  private final long longMs;
  private final long pendingMs;

  public AttemptLog(SecurityCounters counters, long shortMs, long longMs, long pendingMs) {
    this.counters = counters;
    this.shortMs = shortMs;
    this.longMs = longMs;
    this.pendingMs = pendingMs;
  }

  /** A fresh attempt id (unique, not secret). */
  public static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }

  /** Records attempt {@code id} as pending and returns what came before it. */
  public Future<Counts> begin(String subject, String id) {
    return counters.eval(BEGIN, keys(subject), Long.toString(shortMs), Long.toString(longMs), Long.toString(pendingMs), id)
        .map(r -> new Counts(r.get(0).toLong(), r.get(1).toLong(), SecurityCounters.seconds(r.get(2).toLong())));
  }

  /** The attempt was a failure: it counts for the long window. */
  public Future<Void> confirm(String subject, String id) {
    return counters.eval(CONFIRM, keys(subject), Long.toString(longMs), id).mapEmpty();
  }

  /** The attempt is not a failure (or never happened): takes it back. */
  public Future<Void> withdraw(String subject, String id) {
    return counters.command(Command.ZREM, pending(subject), id).mapEmpty();
  }

  /** The attempt succeeded: forgets the subject's failures and takes the attempt back. */
  public Future<Void> clear(String subject, String id) {
    return counters.eval(CLEAR, keys(subject), id).mapEmpty();
  }

  private static List<String> keys(String subject) {
    return List.of("{" + subject + "}:f", pending(subject));
  }

  private static String pending(String subject) {
    return "{" + subject + "}:p";
  }
}
