package dev.storefront.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/** {@code events_read_total{type}}, {@code events_feed_waiting} (1 while held at an uncommitted id), feed lag. */
public final class FeedMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> read = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();

  public FeedMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("events_feed_waiting", waiting, AtomicInteger::get)
        .description("1 while the event feed holds back at an id whose transaction may still commit")
        .register(registry);
  }

  public <T> void bindLag(T feed, ToDoubleFunction<T> lagSeconds) {
    Gauge.builder("events_feed_lag_seconds", feed, lagSeconds)
        .description("Seconds since the start of this pod's last successful event-feed read")
        .register(registry);
  }

  void read(FeedEvent event) {
    read.computeIfAbsent(event.type(), type -> Counter.builder("events_read")
        .description("Committed events this pod read from the outbox and published on its event bus")
        .tag("type", type).register(registry)).increment();
  }

  void waiting(boolean held) {
    waiting.set(held ? 1 : 0);
  }
}
