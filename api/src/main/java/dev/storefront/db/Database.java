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

  private Database() {}

  public static Pool pool(Vertx vertx, AppConfig config) {
    int size = config.databasePoolSize();
    return build(vertx, config, "postgresql", size, size * WAIT_QUEUE_PER_CONNECTION, config.databaseTimeoutMs());
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
        .setShared(false);
    NetClientOptions net = new NetClientOptions().setConnectTimeout(config.databaseTimeoutMs()).setTcpNoDelay(true);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}
