package dev.storefront.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");

  private final List<Buffer> buffers = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Buffer> own = ThreadLocal.withInitial(this::newBuffer);
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

  private Buffer newBuffer() {
    Buffer buffer = new Buffer();
    buffers.add(buffer);
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
    for (Buffer buffer : buffers) {
      for (Chunk chunk : buffer.takeAll()) write(chunk);
    }
  }

  private void write(Chunk chunk) {
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

  private record Chunk(byte[] bytes, int length, int lines) {}

  /** One thread's lines not yet handed to the writer; locked only against the writer's sweep. */
  private static final class Buffer {
    private byte[] bytes = new byte[CHUNK_BYTES + 1024];
    private int length;
    private int lines;
    private long second = Long.MIN_VALUE;
    private byte[] secondPrefix;

    private final ArrayDeque<Chunk> full = new ArrayDeque<>();

    /** Appends one line; returns how many lines were dropped because the writer is behind. */
    synchronized int append(String requestId, String method, String route, int status, double durationMs,
        long events, String endReason) {
      Instant now = Instant.now();
      raw("{\"@timestamp\":\"");
      timestamp(now);
      raw("\",\"level\":\"INFO\",\"logger_name\":\"access\",\"message\":\"");
      text(method).raw(" ").text(route).raw(" ").status(status);
      raw("\",\"requestId\":\"").text(requestId);
      raw("\",\"method\":\"").text(method);
      raw("\",\"route\":\"").text(route);
      raw("\",\"status\":").status(status);
      raw(",\"durationMs\":").millis(durationMs);
      if (endReason != null) raw(",\"events\":").number(events).raw(",\"endReason\":\"").text(endReason).raw("\"");
      raw("}\n");
      lines++;
      if (length < CHUNK_BYTES) return 0;
      Chunk chunk = cut();
      if (full.size() >= MAX_PENDING_CHUNKS) return chunk.lines();
      full.add(chunk);
      return 0;
    }

    /** The full buffers, then the partial one, oldest first. */
    synchronized List<Chunk> takeAll() {
      List<Chunk> all = new ArrayList<>(full);
      full.clear();
      if (length > 0) all.add(cut());
      return all;
    }

    private Chunk cut() {
      Chunk chunk = new Chunk(bytes, length, lines);
      bytes = new byte[CHUNK_BYTES + 1024];
      length = 0;
      lines = 0;
      return chunk;
    }

    /** ISO-8601 UTC with microseconds; the date and time up to the second are formatted once a second. */
    private void timestamp(Instant now) {
      if (now.getEpochSecond() != second) {
        second = now.getEpochSecond();
        secondPrefix = SECOND.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC))
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      }
      room(secondPrefix.length);
      System.arraycopy(secondPrefix, 0, bytes, length, secondPrefix.length);
      length += secondPrefix.length;
      digits(now.getNano() / 1_000, 6);
      raw("Z");
    }

    /** Milliseconds with three decimals (microsecond resolution). */
    private Buffer millis(double ms) {
      long micros = Math.max(0, Math.round(ms * 1_000));
      number(micros / 1_000).raw(".");
      digits((int) (micros % 1_000), 3);
      return this;
    }

    /** An HTTP status: three digits, written without a division loop (twice per line). */
    private Buffer status(int status) {
      if (status < 100 || status > 999) return number(status);
      room(3);
      bytes[length] = (byte) ('0' + status / 100);
      bytes[length + 1] = (byte) ('0' + status / 10 % 10);
      bytes[length + 2] = (byte) ('0' + status % 10);
      length += 3;
      return this;
    }

    /** A non-negative integer in decimal, without a String per number. */
    private Buffer number(long value) {
      int width = 1;
      for (long rest = value / 10; rest > 0; rest /= 10) width++;
      room(width);
      for (int i = length + width - 1; i >= length; i--) {
        bytes[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      length += width;
      return this;
    }

    private void digits(int value, int width) {
      room(width);
      for (int i = width - 1; i >= 0; i--) {
        bytes[length + i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      length += width;
    }

    /**
     * Method, route template and request id are ASCII (request ids are checked, routes come from
     * the contract); anything else is replaced rather than allowed to break the JSON line.
     */
    private Buffer text(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        bytes[length++] = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (byte) c : (byte) '?';
      }
      return this;
    }

    /** The line's own JSON punctuation and numbers. */
    private Buffer raw(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) bytes[length++] = (byte) s.charAt(i);
      return this;
    }

    private void room(int more) {
      if (length + more > bytes.length) bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
