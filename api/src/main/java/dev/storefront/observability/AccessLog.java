package dev.storefront.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One JSON line per request on stdout, in the same shape as the service's other log lines
 * ({@code @timestamp}, {@code level}, {@code logger_name}, {@code message} plus the request's
 * fields). The event loop only formats the line and queues it; a writer thread drains the queue
 * and writes whole batches, one write per batch, so at tens of thousands of requests per second
 * the log costs neither a syscall per line nor a blocked event loop. When the queue is full the
 * line is dropped and counted ({@code access_log_dropped_total}) rather than waited for.
 */
public final class AccessLog implements AutoCloseable {
  private static final int QUEUE_SIZE = 65_536;
  private static final int BATCH = 4_096;
  private static final long IDLE_NANOS = 5_000_000;

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
  private final OutputStream out;
  private final Counter dropped;
  private final Thread writer;
  private volatile boolean closed;

  public AccessLog(OutputStream out, MeterRegistry registry) {
    this.out = out;
    this.dropped = Counter.builder("access_log_dropped").description("Access lines dropped: writer behind")
        .register(registry);
    this.writer = new Thread(this::drain, "access-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  public void log(String requestId, String method, String route, int status, double durationMs) {
    StringBuilder line = new StringBuilder(256)
        .append("{\"@timestamp\":\"").append(Instant.now())
        .append("\",\"level\":\"INFO\",\"logger_name\":\"access\",\"message\":\"")
        .append(method).append(' ').append(route).append(' ').append(status)
        .append("\",\"requestId\":\"").append(requestId)
        .append("\",\"method\":\"").append(method)
        .append("\",\"route\":\"").append(route)
        .append("\",\"status\":").append(status)
        .append(",\"durationMs\":").append(Math.round(durationMs * 1000) / 1000.0)
        .append("}\n");
    if (!queue.offer(line.toString())) dropped.increment();
  }

  private void drain() {
    List<String> batch = new ArrayList<>(BATCH);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(BATCH * 256);
    while (!closed) {
      // Polling, not take(): a waiting consumer would make every producer signal it (a futex wake
      // per request); a 5 ms nap bounds the delay of a line instead.
      if (queue.drainTo(batch, BATCH) == 0) {
        LockSupport.parkNanos(IDLE_NANOS);
        continue;
      }
      for (String line : batch) bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      write(bytes);
      batch.clear();
      bytes.reset();
    }
  }

  private void write(ByteArrayOutputStream bytes) {
    try {
      // Through the shared stream's lock, so lines never interleave with other log output.
      synchronized (out) {
        bytes.writeTo(out);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> rest = new ArrayList<>();
    queue.drainTo(rest);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    rest.forEach(line -> bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8)));
    if (bytes.size() > 0) write(bytes);
  }
}
