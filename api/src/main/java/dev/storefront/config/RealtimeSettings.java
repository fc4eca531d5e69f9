package dev.storefront.config;

/** The event outbox and the SSE streams built on it. */
public record RealtimeSettings(
    int heartbeatSeconds,
    int retryMs,
    int maxStreams,
    int maxStreamsPerIp,
    int maxStreamsPerUser,
    int stallSeconds,
    int replayMaxEvents,
    int retentionHours,
    int streamTokenTtlSeconds) {

  /** The HTTP server closes a connection idle this long; heartbeats must come well inside it. */
  public static final int HTTP_IDLE_TIMEOUT_SECONDS = 120;

  static RealtimeSettings from(Env env) {
    int heartbeat = env.integer("SSE_HEARTBEAT_SECONDS", 15, 1, HTTP_IDLE_TIMEOUT_SECONDS / 2);
    return new RealtimeSettings(
        heartbeat,
        env.integer("SSE_RETRY_MS", 3_000, 100, 600_000),
        env.integer("SSE_MAX_STREAMS", 20_000, 1, 1_000_000),
        env.integer("SSE_MAX_STREAMS_PER_IP", 20, 1, 1_000_000),
        env.integer("SSE_MAX_STREAMS_PER_USER", 5, 1, 1_000),
        env.integer("SSE_STALL_SECONDS", 10, 1, 600),
        env.integer("SSE_REPLAY_MAX_EVENTS", 10_000, 1, 1_000_000),
        env.integer("EVENT_RETENTION_HOURS", 72, 1, 24 * 365),
        env.integer("STREAM_TOKEN_TTL_SECONDS", 60, 5, 3_600));
  }
}
