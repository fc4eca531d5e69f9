package dev.storefront.observability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's access lines not yet handed to {@link AccessLog}'s writer, encoded straight into
 * bytes; locked only against the writer's sweep. What is the same for every line of one method and
 * route (a constant of the router) is encoded once and copied after that: a line then costs a few
 * array copies, the request id, the time, the status and the duration.
 */
final class AccessLines {
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
  private static final byte[] OPEN = ascii("{\"@timestamp\":\"");
  private static final byte[] TO_MESSAGE = ascii("Z\",\"level\":\"INFO\",\"logger_name\":\"access\",\"message\":\"");
  private static final byte[] TO_REQUEST_ID = ascii("\",\"requestId\":\"");
  private static final byte[] TO_DURATION = ascii(",\"durationMs\":");
  private static final byte[] TO_EVENTS = ascii(",\"events\":");
  private static final byte[] TO_END_REASON = ascii(",\"endReason\":\"");
  private static final byte[] CLOSE_REASON = ascii("\"");
  private static final byte[] CLOSE = ascii("}\n");
  /** Method-and-route pairs whose pieces are kept; more than a process's hot routes. */
  private static final int PAIRS = 16;

  private final int chunkBytes;
  private final int maxPendingChunks;
  private byte[] bytes;
  private int length;
  private int lines;
  private long second = Long.MIN_VALUE;
  private byte[] secondPrefix;
  private final ArrayDeque<Chunk> full = new ArrayDeque<>();

  private final String[] pairMethod = new String[PAIRS];
  private final String[] pairRoute = new String[PAIRS];
  /** {@code GET /route } and {@code ","method":"GET","route":"/route","status":} of each pair. */
  private final byte[][] pairMessage = new byte[PAIRS][];
  private final byte[][] pairFields = new byte[PAIRS][];
  private int nextPair;

  record Chunk(byte[] bytes, int length, int lines) {}

  AccessLines(int chunkBytes, int maxPendingChunks) {
    this.chunkBytes = chunkBytes;
    this.maxPendingChunks = maxPendingChunks;
    this.bytes = new byte[chunkBytes + 1024];
  }

  /** Appends one line; returns how many lines were dropped because the writer is behind. */
  synchronized int append(String requestId, String method, String route, int status, double durationMs,
      long events, String endReason) {
    Instant now = Instant.now();
    int pair = pair(method, route);
    copy(OPEN);
    timestamp(now);
    copy(TO_MESSAGE);
    copy(pairMessage[pair]);
    status(status);
    copy(TO_REQUEST_ID);
    text(requestId);
    copy(pairFields[pair]);
    status(status);
    copy(TO_DURATION);
    millis(durationMs);
    if (endReason != null) {
      copy(TO_EVENTS);
      number(events);
      copy(TO_END_REASON);
      text(endReason);
      copy(CLOSE_REASON);
    }
    copy(CLOSE);
    lines++;
    if (length < chunkBytes) return 0;
    Chunk chunk = cut();
    if (full.size() >= maxPendingChunks) return chunk.lines();
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
    bytes = new byte[chunkBytes + 1024];
    length = 0;
    lines = 0;
    return chunk;
  }

  /**
   * The slot of this method and route, encoding their pieces when they are not kept yet. Compared
   * by identity: the router passes the same strings every time, and a string that is equal but not
   * the same only costs another encoding.
   */
  private int pair(String method, String route) {
    for (int i = 0; i < PAIRS; i++) {
      if (pairMethod[i] == method && pairRoute[i] == route) return i;
    }
    int i = nextPair;
    nextPair = (nextPair + 1) % PAIRS;
    pairMethod[i] = method;
    pairRoute[i] = route;
    pairMessage[i] = ascii(safe(method) + " " + safe(route) + " ");
    pairFields[i] = ascii("\",\"method\":\"" + safe(method) + "\",\"route\":\"" + safe(route) + "\",\"status\":");
    return i;
  }

  /** ISO-8601 UTC with microseconds; the date and time up to the second are formatted once a second. */
  private void timestamp(Instant now) {
    if (now.getEpochSecond() != second) {
      second = now.getEpochSecond();
      secondPrefix = ascii(SECOND.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
    }
    copy(secondPrefix);
    digits(now.getNano() / 1_000, 6);
  }

  /** Milliseconds with three decimals (microsecond resolution). */
  private void millis(double ms) {
    long micros = Math.max(0, Math.round(ms * 1_000));
    number(micros / 1_000);
    room(1);
    bytes[length++] = '.';
    digits((int) (micros % 1_000), 3);
  }

  /** An HTTP status: three digits, written without a division loop (twice per line). */
  private void status(int status) {
    if (status < 100 || status > 999) {
      number(status);
      return;
    }
    room(3);
    bytes[length] = (byte) ('0' + status / 100);
    bytes[length + 1] = (byte) ('0' + status / 10 % 10);
    bytes[length + 2] = (byte) ('0' + status % 10);
    length += 3;
  }

  /** A non-negative integer in decimal, without a String per number. */
  private void number(long value) {
    int width = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) width++;
    room(width);
    for (int i = length + width - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
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
  private void text(String s) {
    room(s.length());
    for (int i = 0; i < s.length(); i++) bytes[length++] = safe(s.charAt(i));
  }

  private static String safe(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < out.length; i++) out[i] = safe(s.charAt(i));
    return new String(out, StandardCharsets.US_ASCII);
  }

  private static byte safe(char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (byte) c : (byte) '?';
  }

  private void copy(byte[] piece) {
    room(piece.length);
    System.arraycopy(piece, 0, bytes, length, piece.length);
    length += piece.length;
  }

  private void room(int more) {
    if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
