package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cached hits answered on the connection ({@link CatalogWire}) keep HTTP/1.1's order: on a
 * pipelined connection an answer never overtakes one the router is still working on.
 */
class CatalogWireTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("catalog_wire", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  record Answer(int status, String requestId, String connection) {}

  static double onConnection() {
    return t.app.registry().get("http_fast_path_responses").tag("stage", "connection").counter().count();
  }

  @Test
  void pipelinedAnswersKeepRequestOrderWhenEarlierOnesWaitForTheDatabase() throws IOException {
    List<String> targets = List.of(
        "/api/v1/products?category=3&sort=name&page=4&size=7", // not cached: the router loads it
        "/api/v1/products/5", // cached: could be answered at once
        "/api/v1/products?category=4&sort=newest&page=3&size=9",
        "/api/v1/products/5",
        "/api/v1/products/5");
    try (Socket socket = new Socket("127.0.0.1", t.app.port())) {
      socket.setSoTimeout(10_000);
      exchange(socket, List.of("/api/v1/products/5")); // now in this process's L1
      List<Answer> answers = exchange(socket, targets);
      assertThat(answers).extracting(Answer::requestId)
          .containsExactly("pipelined-0", "pipelined-1", "pipelined-2", "pipelined-3", "pipelined-4");
      assertThat(answers).extracting(Answer::status).containsOnly(200);

      double before = onConnection();
      assertThat(exchange(socket, List.of("/api/v1/products/5"))).extracting(Answer::status).containsExactly(200);
      assertThat(onConnection() - before).as("once the router is done, hits are answered on the connection again")
          .isEqualTo(1.0);
    }
  }

  @Test
  void requestsThatChangeTheConnectionAreLeftToVertx() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", t.app.port())) {
      socket.setSoTimeout(10_000);
      exchange(socket, List.of("/api/v1/products/6"));
      double before = onConnection();
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/products/6 HTTP/1.1\r\nHost: x\r\nX-Request-Id: closing-request\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Answer answer = read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.connection()).isEqualToIgnoringCase("close");
      assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
      assertThat(onConnection()).isEqualTo(before);
    }
  }

  /** Sends a GET for each target in one write and reads as many answers. */
  private static List<Answer> exchange(Socket socket, List<String> targets) throws IOException {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < targets.size(); i++) {
      requests.append("GET ").append(targets.get(i)).append(" HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipelined-")
          .append(i).append("\r\n\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) answers.add(read(socket.getInputStream()));
    return answers;
  }

  /** One response: its head, then as many body bytes as its Content-Length. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed mid-response: " + head);
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String requestId = null;
    String connection = null;
    int length = 0;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      String value = line.substring(line.indexOf(':') + 1).trim();
      if (lower.startsWith("x-request-id:")) requestId = value;
      if (lower.startsWith("connection:")) connection = value;
      if (lower.startsWith("content-length:")) length = Integer.parseInt(value);
    }
    in.readNBytes(length);
    return new Answer(status, requestId, connection);
  }
}
