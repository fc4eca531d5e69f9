package dev.storefront.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client for event streams: opens one, parses its frames and hands them over in order. */
public final class SseClient implements AutoCloseable {
  /** One SSE frame: event name ("message" when none), id (null when none), data, retry (-1), comment. */
  public record Frame(String event, Long id, String data, long retry, String comment, long receivedMs) {}

  private final HttpClient http;
  private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final StringBuilder pending = new StringBuilder();
  private volatile HttpClientResponse response;
  private volatile boolean ended;

  private SseClient(Vertx vertx) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  /** Opens {@code uri} on 127.0.0.1:{@code port}; returns once the response head has arrived. */
  public static SseClient open(Vertx vertx, int port, String uri, Map<String, String> headers) {
    SseClient client = new SseClient(vertx);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(uri).setIdleTimeout(0);
    headers.forEach(options::putHeader);
    client.response = client.http.request(options)
        .compose(request -> request.send())
        .onSuccess(response -> {
          response.handler(client::onBytes);
          response.endHandler(v -> client.ended = true);
          response.exceptionHandler(e -> client.ended = true);
        })
        .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  public int status() {
    return response.statusCode();
  }

  public MultiMap headers() {
    return response.headers();
  }

  public boolean ended() {
    return ended;
  }

  private synchronized void onBytes(Buffer chunk) {
    pending.append(chunk.toString(StandardCharsets.UTF_8));
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(block);
    }
  }

  private void parse(String block) {
    String event = "message";
    Long id = null;
    StringBuilder data = null;
    long retry = -1;
    String comment = null;
    for (String line : block.split("\n")) {
      if (line.startsWith(":")) comment = line.substring(1).strip();
      else if (line.startsWith("event: ")) event = line.substring(7);
      else if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
      else if (line.startsWith("retry: ")) retry = Long.parseLong(line.substring(7));
      else if (line.startsWith("data: ")) data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(6));
    }
    frames.add(new Frame(event, id, data == null ? null : data.toString(), retry, comment, System.currentTimeMillis()));
  }

  /** The next frame, or null after {@code timeoutMs}. */
  public Frame next(long timeoutMs) throws InterruptedException {
    return frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The next frame with this event name, skipping others (heartbeats, retry lines); null after the timeout. */
  public Frame next(String event, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (long left = timeoutMs; left > 0; left = deadline - System.currentTimeMillis()) {
      Frame frame = next(left);
      if (frame == null) return null;
      if (event.equals(frame.event())) return frame;
    }
    return null;
  }

  /** Frames of this event name until {@code count} arrived or the time is up. */
  public List<Frame> take(String event, int count, long timeoutMs) throws InterruptedException {
    List<Frame> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (out.size() < count) {
      Frame frame = next(event, Math.max(1, deadline - System.currentTimeMillis()));
      if (frame == null) break;
      out.add(frame);
    }
    return out;
  }

  /** What has arrived and not been taken yet. */
  public List<Frame> drain() {
    List<Frame> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    http.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
  }
}
