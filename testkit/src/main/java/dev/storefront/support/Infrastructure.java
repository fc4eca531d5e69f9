package dev.storefront.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis the tests (and the dev run) talk to: the ones named by
 * {@code TEST_DATABASE_URL} / {@code TEST_REDIS_URL} when set, otherwise real servers started
 * from embedded binaries once per JVM and stopped at exit.
 */
public final class Infrastructure {
  private static String databaseUrl;
  private static String redisUrl;

  private Infrastructure() {}

  public static synchronized String databaseUrl() {
    if (databaseUrl == null) {
      String fromEnv = System.getenv("TEST_DATABASE_URL");
      databaseUrl = fromEnv != null && !fromEnv.isBlank() ? fromEnv : startPostgres();
    }
    return databaseUrl;
  }

  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      String fromEnv = System.getenv("TEST_REDIS_URL");
      redisUrl = fromEnv != null && !fromEnv.isBlank() ? fromEnv : startRedis();
    }
    return redisUrl;
  }

  private static String startPostgres() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(freePort()).start();
      return "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres";
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  private static String startRedis() {
    try {
      int port = freePort();
      RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").build();
      redis.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          redis.stop();
        } catch (IOException ignored) {
          // the process is exiting anyway
        }
      }));
      return "redis://127.0.0.1:" + port + "/0";
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis did not start", e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
