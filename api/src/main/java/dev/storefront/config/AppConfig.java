package dev.storefront.config;

import java.net.URI;
import java.util.Map;

/**
 * Every setting of the service, read once at start from the environment. Invalid values stop the
 * process with a message naming the setting; the README lists each one.
 */
public record AppConfig(
    int httpPort,
    int httpInstances,
    int bodyLimitBytes,
    int maxHeaderBytes,
    boolean http2ClearText,
    DatabaseUrl database,
    String databaseSchema,
    int databasePoolSize,
    int databaseTimeoutMs,
    String redisUrl,
    String securityRedisUrl,
    int redisPoolSize,
    int redisTimeoutMs,
    CacheSettings cache,
    OperationsSettings operations,
    String cacheNamespace,
    boolean accessLog,
    S3Settings s3,
    MediaSettings media,
    BackupSettings backup,
    AuthSettings auth,
    CommerceSettings commerce,
    RealtimeSettings realtime,
    StorefrontSettings storefront,
    String sentryDsn,
    String environment,
    String release) {

  public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/storefront";
  public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0";

  public static AppConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static AppConfig from(Map<String, String> values) {
    Env env = new Env(values);
    int cores = Runtime.getRuntime().availableProcessors();
    String redisUrl = env.string("REDIS_URL", DEFAULT_REDIS_URL);
    validateRedisUrl("REDIS_URL", redisUrl);
    // The security counters must never be evicted: they may live on a noeviction Redis of their own.
    String securityRedisUrl = env.string("SECURITY_REDIS_URL", redisUrl);
    validateRedisUrl("SECURITY_REDIS_URL", securityRedisUrl);
    String schema = env.string("DATABASE_SCHEMA", "public");
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ConfigException("DATABASE_SCHEMA", "must be a lower-case SQL identifier");
    }
    return new AppConfig(
        env.integer("HTTP_PORT", 8080, 0, 65535),
        env.integer("HTTP_INSTANCES", cores, 1, 256),
        env.integer("HTTP_BODY_LIMIT_BYTES", 64 * 1024, 1024, 64 * 1024 * 1024),
        env.integer("HTTP_MAX_HEADER_BYTES", 8 * 1024, 1024, 64 * 1024),
        env.bool("HTTP2_CLEARTEXT", false),
        DatabaseUrl.parse("DATABASE_URL", env.string("DATABASE_URL", DEFAULT_DATABASE_URL)),
        schema,
        env.integer("DATABASE_POOL_SIZE", 16, 1, 512),
        env.integer("DATABASE_TIMEOUT_MS", 5000, 100, 600_000),
        redisUrl,
        securityRedisUrl,
        env.integer("REDIS_POOL_SIZE", 8, 1, 256),
        env.integer("REDIS_TIMEOUT_MS", 200, 10, 60_000),
        CacheSettings.from(env),
        OperationsSettings.from(env),
        namespace(env.string("CACHE_NAMESPACE", "storefront")),
        env.bool("ACCESS_LOG", true),
        S3Settings.from(env),
        MediaSettings.from(env),
        BackupSettings.from(env),
        AuthSettings.from(env),
        CommerceSettings.from(env),
        RealtimeSettings.from(env),
        StorefrontSettings.from(env),
        env.optional("SENTRY_DSN"),
        env.string("APP_ENVIRONMENT", "production"),
        env.string("APP_RELEASE", "storefront-api@" + Version.current()));
  }

  private static String namespace(String value) {
    if (!value.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new ConfigException("CACHE_NAMESPACE", "letters, digits, '.', '_' or '-' only (1-64)");
    }
    return value;
  }

  private static void validateRedisUrl(String name, String url) {
    try {
      URI uri = new URI(url);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(name, "must look like redis://host:port/db");
      }
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(name, "not a URL (" + e.getReason() + ")");
    }
  }

  /** Prefix of product image URLs: {@code MEDIA_BASE_URL}. */
  public String mediaBaseUrl() {
    return media.baseUrl();
  }

  /** The same settings with a few overridden, for tests and the embedded dev run. */
  public AppConfig withPort(int port) {
    return new AppConfig(port, httpInstances, bodyLimitBytes, maxHeaderBytes, http2ClearText, database, databaseSchema,
        databasePoolSize, databaseTimeoutMs, redisUrl, securityRedisUrl, redisPoolSize, redisTimeoutMs, cache, operations, cacheNamespace,
        accessLog, s3, media, backup,
        auth, commerce, realtime, storefront, sentryDsn, environment, release);
  }
}
