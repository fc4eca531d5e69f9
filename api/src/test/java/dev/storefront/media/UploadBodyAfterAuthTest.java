package dev.storefront.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.S3Server;
import dev.storefront.support.Shoppers;
import dev.storefront.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upload's body is read only once its caller is known to be an admin: anyone else is answered
 * while the body is still on its way (here: never sent in full), and the connection is closed
 * rather than read to its end. Raw sockets, so the test controls how much of the body is sent.
 */
class UploadBodyAfterAuthTest {
  private static final String BOUNDARY = "b0undary";
  private static final int MAX_BYTES = 65536;
  private static TestApp t;
  private static Shoppers shoppers;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(S3Server.environment());
    env.put("MEDIA_MAX_BYTES", Integer.toString(MAX_BYTES));
    t = TestApp.start("media_body", env);
    shoppers = new Shoppers(t);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  /** What came back on a connection: the status line, and whether the server closed it after the answer. */
  private record Answer(String statusLine, String head, boolean closed) {}

  /** Sends the head of an upload declaring {@code declaredLength} body bytes and only {@code sent} of them. */
  private static Answer partialUpload(String bearer, long declaredLength, int sent, boolean expectContinue) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", t.app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(bearer, declaredLength, expectContinue).getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[sent]);
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int length = contentLength(head);
      in.readNBytes(length);
      return new Answer(head.lines().findFirst().orElse(""), head, in.read() == -1);
    }
  }

  private static String head(String bearer, long contentLength, boolean expectContinue) {
    return "POST /api/v1/admin/products/5/media HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
        + "Content-Length: " + contentLength + "\r\n"
        + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
        + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    return head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
  }

  @Test
  void anAnonymousUploadIsRefusedBeforeItsBodyArrivesAndTheConnectionClosed() throws IOException {
    Answer answer = partialUpload(null, 60_000, 1_000, false);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(answer.closed()).isTrue();
  }

  @Test
  void anAnonymousUploadOverTheCapIsRefusedAs401NotReadOrWeighed() throws IOException {
    Answer answer = partialUpload(null, 50L * 1024 * 1024, 1_000, false);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(answer.closed()).isTrue();
  }

  @Test
  void aCustomersUploadIsRefusedBeforeItsBodyArrives() throws IOException {
    Answer answer = partialUpload(shoppers.one().token(), 60_000, 1_000, false);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(answer.closed()).isTrue();
  }

  @Test
  void anAnonymousClientWaitingForContinueIsRefusedWithoutBeingAskedForTheBody() throws IOException {
    Answer answer = partialUpload(null, 60_000, 0, true);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
  }

  @Test
  void anAdminWaitingForContinueIsAskedForTheBodyAndTheImageIsStored() throws IOException {
    byte[] image = MediaUploadTest.uniquePng();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(image);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    try (Socket socket = new Socket("127.0.0.1", t.app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(t.adminToken(), body.size(), true).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 100 Continue");
      out.write(body.toByteArray());
      out.flush();
      assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK");
    }
    assertThat(MediaUploadTest.objectStatus(t, image)).isEqualTo(200);
  }
}
