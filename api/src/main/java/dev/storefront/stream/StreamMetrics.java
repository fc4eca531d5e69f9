package dev.storefront.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sse_streams_open{stream}}, {@code sse_event_consumers} (event-bus consumers held by
 * streams), {@code sse_events_delivered_total{stream}}, {@code sse_streams_ended_total{stream,reason}}
 * and {@code sse_delivery_lag_seconds} (commit to write, live events only).
 */
public final class StreamMetrics {
  private final MeterRegistry registry;
  // Per kind, built once: delivered() runs once per event per open stream.
  private final EnumMap<StreamKind, AtomicInteger> open = new EnumMap<>(StreamKind.class);
  private final EnumMap<StreamKind, Counter> delivered = new EnumMap<>(StreamKind.class);
  private final ConcurrentHashMap<String, Counter> ended = new ConcurrentHashMap<>();
  private final AtomicInteger consumers = new AtomicInteger();
  private final Timer lag;

  public StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("sse_event_consumers", consumers, AtomicInteger::get)
        .description("Event-bus consumers registered by open event streams").register(registry);
    this.lag = Timer.builder("sse_delivery_lag")
        .description("From an event's commit to its write on a stream (live events)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    for (StreamKind kind : StreamKind.values()) {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("sse_streams_open", count, AtomicInteger::get).tag("stream", kind.label())
          .description("Event streams open on this instance").register(registry);
      open.put(kind, count);
      delivered.put(kind, Counter.builder("sse_events_delivered")
          .description("Events written to event streams").tag("stream", kind.label()).register(registry));
    }
  }

  void opened(StreamKind kind) {
    open.get(kind).incrementAndGet();
  }

  void ended(StreamKind kind, String reason) {
    open.get(kind).decrementAndGet();
    ended.computeIfAbsent(kind.label() + "/" + reason, k -> Counter.builder("sse_streams_ended")
        .description("Event streams ended, by why").tags("stream", kind.label(), "reason", reason)
        .register(registry)).increment();
  }

  void delivered(StreamKind kind) {
    delivered.get(kind).increment();
  }

  void lag(long micros) {
    lag.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
  }

  void consumers(int delta) {
    consumers.addAndGet(delta);
  }

  public int openStreams() {
    return open.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int consumers() {
    return consumers.get();
  }
}
