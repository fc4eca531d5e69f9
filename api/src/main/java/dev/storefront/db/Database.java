package dev.storefront.db;

import dev.storefront.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reactive PostgreSQL pools of the process: one shared by every verticle for requests, and a
 * one-connection pool of its own for the catalog change feed, so request traffic that fills the
 * first can never delay the feed (a lagging feed makes the caches bypass their L1).
 */
public final class Database {
  /**
   * Requests queued per connection before the pool refuses more (a fast 503). Cache loads are
   * capped before they get here (cache.LoadLimiter), so this queue is for writes: a burst of
   * checkouts waits its turn rather than being shed.
   */
  static final int WAIT_QUEUE_PER_CONNECTION = 64;
  /** How often the pool closes connections idle for longer than DATABASE_TIMEOUT_MS. */
  static final int POOL_CLEANER_PERIOD_MS = 1_000;

  private Database() {}

  public static Pool pool(Vertx vertx, AppConfig config) {
    int size = config.databasePoolSize();
    return build(vertx, config, "postgresql", size, size * WAIT_QUEUE_PER_CONNECTION, config.databaseTimeoutMs());
  }

  /** How long a pooled connection may read nothing: past statement_timeout and the idle eviction. */
  static int readIdleMs(AppConfig config) {
    return config.databaseTimeoutMs() + 2 * POOL_CLEANER_PERIOD_MS;
  }

  /** The change feed's pool: one connection, never shared with request traffic. */
  public static Pool feedPool(Vertx vertx, AppConfig config) {
    return build(vertx, config, "postgresql-feed", 1, 16, config.databaseTimeoutMs());
  }

  /** Where and how every connection of the process connects (pools and the event listener). */
  public static PgConnectOptions connectOptions(AppConfig config, String name) {
    var db = config.database();
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setPassword(db.password())
        .setPipeliningLimit(16);
    connect.setCachePreparedStatements(true).setMetricsName(name)
        // statement_timeout bounds every query server-side; search_path isolates test schemas.
        .setProperties(Map.of(
            "application_name", "storefront-api",
            "statement_timeout", Integer.toString(config.databaseTimeoutMs()),
            "search_path", config.databaseSchema()));
    return connect;
  }

  private static Pool build(Vertx vertx, AppConfig config, String name, int size, int waitQueue, long waitMs) {
    PgConnectOptions connect = connectOptions(config, name);
    PoolOptions pool = new PoolOptions()
        .setName(name)
        .setMaxSize(size)
        .setMaxWaitQueueSize(waitQueue)
        .setConnectionTimeout((int) waitMs)
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        // Idle connections leave the pool before the read-idle bound below could close them.
        .setIdleTimeout(config.databaseTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setPoolCleanerPeriod(POOL_CLEANER_PERIOD_MS)
        .setShared(false);
    // vertx-pg-client 5.0.7 does not apply these (its driver drops the builder's transport
    // options); they state the intent for a version that does. The pool wait bounds a connect.
    NetClientOptions net = new NetClientOptions().setConnectTimeout(config.databaseTimeoutMs()).setTcpNoDelay(true);
    int readIdleMs = readIdleMs(config);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx)
        .withConnectHandler(connection -> {
          SilentConnections.closeWhenSilent(connection, readIdleMs);
          connection.close(); // hands it to the pool
        })
        .build();
  }
}
