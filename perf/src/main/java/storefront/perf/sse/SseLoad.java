package storefront.perf.sse;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Holds {@code streams} SSE streams on one API instance, makes stock changes through the admin
 * API, and reports delivery lag, delivery correctness and the server's heap against the targets.
 * Exit status: 0 PASS, 1 FAIL, 2 the run could not be made (settings, sign-in, unreachable).
 * Properties and usage: perf/README.md, section "SSE streams".
 */
public final class SseLoad {
  private SseLoad() {}

  public static void main(String[] args) {
    SseLoadConfig config;
    try {
      config = SseLoadConfig.fromSystemProperties();
    } catch (IllegalArgumentException e) {
      System.err.println("SSE load: " + e.getMessage());
      System.exit(2);
      return;
    }
    // One loop per lane, one for the admin client and the metrics scraper.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.lanes() + 1));
    SseLoadReport report;
    try {
      report = new SseLoadRun(vertx, config, System.out).run();
    } catch (RuntimeException e) {
      System.err.println("SSE load could not run: " + e.getMessage());
      vertx.close().await();
      System.exit(2);
      return;
    }
    vertx.close().await();
    report.print(System.out);
    if (!report.passed()) {
      System.exit(1);
    }
  }
}
