package dev.storefront.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One JSON line per request on stdout, in the same shape as the service's other log lines
 * ({@code @timestamp}, {@code level}, {@code logger_name}, {@code message} plus the request's
 * fields). Each event-loop thread writes its lines as bytes into buffers of its own (32 KiB, about
 * 150 lines each); a writer thread collects every thread's buffers, in order, every
 * {@value #SWEEP_MS} ms and writes each with one write. So a request costs neither a syscall, nor
 * a lock shared with other threads, nor a wake-up of the writer. When a thread has
 * {@value #MAX_PENDING_CHUNKS} full buffers the writer has not collected, the newest is dropped
 * and its lines counted ({@code access_log_dropped_total}) rather than waited for.
 */
public final class AccessLog implements AutoCloseable {
  private static final int CHUNK_BYTES = 32 * 1024;
  private static final int MAX_PENDING_CHUNKS = 128;
  private static final long SWEEP_MS = 20;

  private final List<AccessLines> threads = new CopyOnWriteArrayList<>();
  private final ThreadLocal<AccessLines> own = ThreadLocal.withInitial(this::newBuffer);
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

  private AccessLines newBuffer() {
    AccessLines buffer = new AccessLines(CHUNK_BYTES, MAX_PENDING_CHUNKS);
    threads.add(buffer);
    return buffer;
  }

  public void log(String requestId, String method, String route, int status, double durationMs) {
    int lost = own.get().append(requestId, method, route, status, durationMs, -1, null);
    if (lost > 0) dropped.increment(lost);
  }

  /** The one line of an event stream, when it ends: how long it was open, what it sent, why it ended. */
  public void logStream(String requestId, String route, double durationMs, long events, String endReason) {
    int lost = own.get().append(requestId, "GET", route, 200, durationMs, events, endReason);
    if (lost > 0) dropped.increment(lost);
  }

  private void drain() {
    while (!closed) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SWEEP_MS));
      sweep();
    }
  }

  /** Writes what every thread has buffered, each thread's lines in the order it logged them. */
  private void sweep() {
    for (AccessLines buffer : threads) {
      for (AccessLines.Chunk chunk : buffer.takeAll()) write(chunk);
    }
  }

  private void write(AccessLines.Chunk chunk) {
    try {
      // Through the shared stream's lock, so lines never interleave with other log output.
      synchronized (out) {
        out.write(chunk.bytes(), 0, chunk.length());
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what is buffered, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sweep();
  }
}
