package dev.storefront.flags;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flags in force. With {@code FLAGS_FILE} set, the file's content is read on a worker every
 * reload period and compared with the last content seen: a ConfigMap update swaps a symlink, which
 * neither inotify on the file nor its mtime reliably shows. A valid change replaces the set; an
 * invalid one keeps the last good set, logs one WARN line per distinct bad content and flips
 * {@code flags_config_valid} to 0. Without a file: {@code FLAGS} (validated at start), else
 * {@link FlagSet#DEFAULTS}.
 */
public final class FlagsSource {
  private static final Logger LOG = LoggerFactory.getLogger(FlagsSource.class);
  /** A flag file is a few kilobytes; refuse to read a mistake the size of a disk image. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final Path file;
  private final long reloadMs;
  private final AtomicInteger valid = new AtomicInteger(1);
  private final AtomicLong lastReload = new AtomicLong();
  private final AtomicBoolean polling = new AtomicBoolean();
  private final Counter failures;
  private volatile FlagSet current;
  private volatile String lastContent;
  private long timerId = -1;

  /** {@code fallback}: the set used until the file has been read once validly (from FLAGS or the defaults). */
  public FlagsSource(Vertx vertx, String file, FlagSet fallback, long reloadMs, MeterRegistry registry) {
    this.vertx = vertx;
    this.file = file == null ? null : Path.of(file);
    this.reloadMs = reloadMs;
    this.current = fallback;
    this.lastReload.set(System.currentTimeMillis() / 1000);
    Gauge.builder("flags_config_valid", valid, AtomicInteger::get)
        .description("1 while the flag file last read was valid, 0 while an invalid one is ignored").register(registry);
    Gauge.builder("flags_last_reload_timestamp_seconds", lastReload, AtomicLong::get)
        .description("Unix time the flags in force were loaded").register(registry);
    this.failures = Counter.builder("flags_reload_failures")
        .description("Flag file contents refused (each distinct bad content once)").register(registry);
  }

  /** The {@code FLAGS} setting's flags, or the defaults; a bad value stops start-up naming the setting. */
  public static FlagSet fromSetting(String json) throws FlagsParser.InvalidFlags {
    return json == null ? FlagSet.DEFAULTS : FlagsParser.parse(json);
  }

  public FlagSet current() {
    return current;
  }

  /** Reads the file once before the instance serves, then on the timer. Never fails start-up. */
  public Future<Void> start() {
    if (file == null) return Future.succeededFuture();
    timerId = vertx.setPeriodic(reloadMs, id -> poll());
    return poll();
  }

  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  /** One read and compare, off the event loop; a read still running makes this one a no-op. */
  Future<Void> poll() {
    if (!polling.compareAndSet(false, true)) return Future.succeededFuture();
    return vertx.executeBlocking(this::readAndApply, false)
        .onFailure(e -> LOG.warn("flag file check failed: {}", e.toString()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture())
        .andThen(ar -> polling.set(false));
  }

  private Void readAndApply() {
    String content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) throw new java.io.IOException("larger than " + MAX_FILE_BYTES + " bytes");
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      refuse("\u0000unreadable:" + e, "cannot be read (" + e + ")");
      return null;
    }
    if (Objects.equals(content, lastContent)) return null;
    try {
      FlagSet next = FlagsParser.parse(content);
      boolean first = lastContent == null;
      lastContent = content;
      current = next;
      valid.set(1);
      lastReload.set(System.currentTimeMillis() / 1000);
      LOG.info("flags {} from {}: {}", first ? "loaded" : "reloaded", file, next.flags().keySet());
    } catch (FlagsParser.InvalidFlags e) {
      refuse(content, "is invalid, keeping the last good flags: " + e.getMessage());
    }
    return null;
  }

  private void refuse(String content, String why) {
    if (Objects.equals(content, lastContent)) return;
    lastContent = content;
    valid.set(0);
    failures.increment();
    LOG.warn("flag file {} {}", file, why);
  }
}
