package dev.storefront.db;

import dev.storefront.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;

/** The reactive PostgreSQL pool shared by every verticle of the process. */
public final class Database {
  private Database() {}

  public static Pool pool(Vertx vertx, AppConfig config) {
    var db = config.database();
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setPassword(db.password())
        .setPipeliningLimit(16);
    connect.setCachePreparedStatements(true).setMetricsName("postgresql")
        // statement_timeout bounds every query server-side; search_path isolates test schemas.
        .setProperties(Map.of(
            "application_name", "storefront-api",
            "statement_timeout", Integer.toString(config.databaseTimeoutMs()),
            "search_path", config.databaseSchema()));
    PoolOptions pool = new PoolOptions()
        .setName("postgresql")
        .setMaxSize(config.databasePoolSize())
        .setMaxWaitQueueSize(config.databasePoolSize() * 64)
        .setConnectionTimeout(config.databaseTimeoutMs())
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        .setShared(false);
    NetClientOptions net = new NetClientOptions().setConnectTimeout(config.databaseTimeoutMs()).setTcpNoDelay(true);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}
