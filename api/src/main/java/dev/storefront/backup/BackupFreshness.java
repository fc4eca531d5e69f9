package dev.storefront.backup;

import dev.storefront.db.SqlFiles;
import dev.storefront.web.Feature;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code backup_newest_success_timestamp_seconds}: unix time of the newest successful
 * backup recorded in {@code backup_runs}, 0 when there is none. Read on a timer, never on a scrape,
 * so Prometheus scrapes cost no query; a failed read keeps the last value (the alert is on age).
 */
public final class BackupFreshness implements Feature {
  public static final String GAUGE = "backup_newest_success_timestamp_seconds";
  private static final Logger LOG = LoggerFactory.getLogger(BackupFreshness.class);
  private static final String NEWEST = SqlFiles.load("backup/newest-success.sql");

  private final Vertx vertx;
  private final Pool pool;
  private final long everyMs;
  private final AtomicLong newest = new AtomicLong();
  private long timerId = -1;

  public BackupFreshness(Vertx vertx, Pool pool, MeterRegistry registry, long everyMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.everyMs = everyMs;
    Gauge.builder(GAUGE, newest, AtomicLong::get)
        .description("Unix time of the newest successful database backup (0: none recorded)")
        .register(registry);
  }

  @Override
  public void bind(RouterBuilder builder) {}

  /** Reads once before the instance serves (so its first scrape is right), then on the timer. */
  @Override
  public Future<Void> start() {
    timerId = vertx.setPeriodic(everyMs, id -> refresh()
        .onFailure(e -> LOG.warn("reading the newest backup failed: {}", e.toString())));
    return refresh().onFailure(e -> LOG.warn("reading the newest backup failed: {}", e.toString()))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  @Override
  public Future<Void> stop() {
    vertx.cancelTimer(timerId);
    return Future.succeededFuture();
  }

  public Future<Long> refresh() {
    return pool.query(NEWEST).execute().map(rows -> {
      long value = rows.iterator().next().getLong(0);
      newest.set(value);
      return value;
    });
  }
}
