package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import storefront.perf.sse.ServerMetricsVerticle.ServerMetrics;
import storefront.perf.sse.StockChangesVerticle.ChangeOutcome;

/**
 * One run, phase after phase: sign in, open the streams, make the changes, let the last events
 * arrive, count. Runs on the caller's thread and waits on Vert.x futures, never on an event loop.
 */
final class SseLoadRun {
  private final Vertx vertx;
  private final SseLoadConfig config;
  private final PrintStream progress;

  SseLoadRun(Vertx vertx, SseLoadConfig config, PrintStream progress) {
    this.vertx = vertx;
    this.config = config;
    this.progress = progress;
  }

  SseLoadReport run() {
    StockPlan plan = StockPlan.create(
        config.plannedChanges(), config.products(), config.seed(), System.nanoTime());
    ServerMetricsVerticle metrics = new ServerMetricsVerticle(config.managementUrl());
    StockChangesVerticle changes = new StockChangesVerticle(config, plan);
    vertx.deployVerticle(metrics).await();
    vertx.deployVerticle(changes).await();

    progress.printf("Opening %d streams to %s at %d/s on %d lane(s)%n",
        config.streams(), config.baseUrl(), config.connectRate(), config.lanes());
    long openStart = System.nanoTime();
    List<SseStreamsVerticle> lanes = lanes(plan);
    Future.all(lanes.stream().map(vertx::deployVerticle).toList()).await();
    progress.printf("Streams settled in %.1f s; making %d stock changes at %d/s%n",
        (System.nanoTime() - openStart) / 1e9, plan.size(), config.changesPerSecond());

    ChangeOutcome outcome = changes.sendAll().await();
    progress.printf("%d of %d changes confirmed; waiting %d s for the last deliveries%n",
        outcome.confirmedCount(), plan.size(), config.drainSeconds());
    vertx.timer(config.drainSeconds(), TimeUnit.SECONDS).await();

    LaneTally streams = lanes.stream()
        .map(lane -> lane.tally(outcome.confirmed()).await())
        .reduce(LaneTally::plus)
        .orElseThrow();
    ServerMetrics server = metrics.snapshot().await();
    return new SseLoadReport(config, streams, outcome, server);
  }

  /** Streams and connect rate split evenly; the first lanes take the remainder. */
  private List<SseStreamsVerticle> lanes(StockPlan plan) {
    List<SseStreamsVerticle> lanes = new ArrayList<>();
    double ratePerLane = (double) config.connectRate() / config.lanes();
    for (int i = 0; i < config.lanes(); i++) {
      int count = config.streams() / config.lanes() + (i < config.streams() % config.lanes() ? 1 : 0);
      lanes.add(new SseStreamsVerticle(config, plan, count, ratePerLane));
    }
    return lanes;
  }
}
