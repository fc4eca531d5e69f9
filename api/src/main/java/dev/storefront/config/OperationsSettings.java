package dev.storefront.config;

/** The management port (metrics and probes), the start-up warm-up and the graceful shutdown timings. */
public record OperationsSettings(int managementPort, int shutdownDrainSeconds, int shutdownGraceSeconds,
    int warmupRequests) {

  static OperationsSettings from(Env env) {
    return new OperationsSettings(
        env.integer("MANAGEMENT_PORT", 9090, 0, 65535),
        // Long enough for the load balancer to see readiness fail and stop sending new requests.
        env.integer("SHUTDOWN_DRAIN_SECONDS", 5, 0, 300),
        env.integer("SHUTDOWN_GRACE_SECONDS", 20, 0, 300),
        // Requests the instance sends itself before it reports ready, so the JIT meets traffic compiled.
        env.integer("HTTP_WARMUP_REQUESTS", 20_000, 0, 1_000_000));
  }

  /** The longest a graceful stop may take, with room for the pools and Vert.x to close. */
  public long maxStopSeconds() {
    return shutdownDrainSeconds + shutdownGraceSeconds + 15L;
  }
}
