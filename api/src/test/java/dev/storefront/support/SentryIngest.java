package dev.storefront.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for Sentry's ingest on 127.0.0.1: records every envelope posted to
 * {@code /api/<project>/envelope/} (gunzipped when the sender compressed it: the Java SDK does) and
 * answers 200 {@code {}} as Sentry would.
 */
public final class SentryIngest implements AutoCloseable {
  private static final Pattern ENVELOPE_PATH = Pattern.compile("/api/([0-9]+)/envelope/");

  /** One posted envelope: the project of its URL and its text. */
  public record Envelope(String project, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

  private SentryIngest() {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Matcher m = ENVELOPE_PATH.matcher(req.path());
      if (!m.matches()) {
        req.response().setStatusCode(404).end();
        return;
      }
      envelopes.add(new Envelope(m.group(1), gunzipIfNeeded(req.getHeader("Content-Encoding"), body)));
      req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{}");
    })).listen(0, "127.0.0.1").await();
  }

  public static SentryIngest start() {
    return new SentryIngest();
  }

  public int port() {
    return server.actualPort();
  }

  /** A DSN that sends project {@code project}'s events here. */
  public String dsn(int project) {
    return "http://publickey@127.0.0.1:" + port() + "/" + project;
  }

  /** The envelopes' texts, in arrival order. */
  public List<String> envelopes() {
    return envelopes.stream().map(Envelope::body).toList();
  }

  public List<Envelope> received() {
    return List.copyOf(envelopes);
  }

  /** Waits up to {@code timeoutMs} for an envelope whose text matches; null when none came. */
  public Envelope await(Predicate<String> match, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    do {
      for (Envelope e : envelopes) {
        if (match.test(e.body())) return e;
      }
      Thread.sleep(100);
    } while (System.currentTimeMillis() < deadline);
    return null;
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  public static String gunzipIfNeeded(String encoding, Buffer body) {
    try {
      byte[] bytes = body.getBytes();
      if ("gzip".equalsIgnoreCase(encoding) || bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
