package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {
  private static final String STREAM = "retry: 3000\n\n"
      + ": heartbeat\n\n"
      + "id: 1234\nevent: stock\ndata: {\"productId\":17,\"stock\":42}\n\n"
      + "event: reset\ndata: {}\n\n"
      + ": heartbeat\n\n"
      + "id: 1235\nevent: stock\ndata: {\"productId\":18,\"stock\":0}\n\n";

  private final List<String> seen = new ArrayList<>();
  private final SseEventParser parser = newParser();

  @Test
  void reportsRetryAndStockEventsAndSkipsCommentsAndOtherEvents() {
    parser.feed(Buffer.buffer(STREAM));

    assertThat(seen).containsExactly(
        "retry 3000",
        "1234 {\"productId\":17,\"stock\":42}",
        "1235 {\"productId\":18,\"stock\":0}");
  }

  @Test
  void aFrameSplitAtAnyByteGivesTheSameEvents() {
    List<String> whole = eventsOf(STREAM, STREAM.length());
    for (int split = 1; split < STREAM.length(); split++) {
      seen.clear();
      SseEventParser fresh = newParser();
      byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
      fresh.feed(Buffer.buffer().appendBytes(bytes, 0, split));
      fresh.feed(Buffer.buffer().appendBytes(bytes, split, bytes.length - split));
      assertThat(seen).as("split at %d", split).isEqualTo(whole);
    }
  }

  @Test
  void oneByteBuffersGiveTheSameEvents() {
    assertThat(eventsOf(STREAM, 1)).isEqualTo(eventsOf(STREAM, STREAM.length()));
  }

  @Test
  void crLfAndBareCrEndLinesLikeLf() {
    String lf = "retry: 10\n\nid: 7\nevent: stock\ndata: {\"a\":1}\n\n";
    List<String> expected = eventsOf(lf, lf.length());
    // CRLF split between CR and LF by one-byte buffers must not count as two line ends.
    assertThat(eventsOf(lf.replace("\n", "\r\n"), 1)).isEqualTo(expected);
    assertThat(eventsOf(lf.replace("\n", "\r"), 3)).isEqualTo(expected);
  }

  @Test
  void multiLineDataIsJoinedWithNewlinesAndTheIdCarriesOver() {
    parser.feed(Buffer.buffer("id: 5\nevent: stock\ndata: {\ndata:\"x\":1}\n\n"
        + "event: stock\ndata:{}\n\n"));

    assertThat(seen).containsExactly("5 {\n\"x\":1}", "5 {}");
  }

  @Test
  void eventsWithoutDataOrNotNamedStockAreNotReported() {
    parser.feed(Buffer.buffer("id: 1\nevent: stock\n\nid: 2\ndata: {}\n\n"
        + "id: 3\nevent: stocks\ndata: {}\n\nid: 4\nevent: stock\ndata: {}\n\n"));

    assertThat(seen).containsExactly("4 {}");
  }

  @Test
  void aNonNumericIdIsReportedAsMinusOne() {
    parser.feed(Buffer.buffer("id: x1\nevent: stock\ndata: {}\n\n"));

    assertThat(seen).containsExactly("-1 {}");
  }

  @Test
  void aLongLineGrowsTheBuffers() {
    String data = "{\"pad\":\"" + "x".repeat(5_000) + "\"}";
    parser.feed(Buffer.buffer("id: 9\nevent: stock\ndata: " + data + "\n\n"));

    assertThat(seen).containsExactly("9 " + data);
  }

  private List<String> eventsOf(String stream, int chunk) {
    seen.clear();
    SseEventParser fresh = newParser();
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int from = 0; from < bytes.length; from += chunk) {
      fresh.feed(Buffer.buffer().appendBytes(bytes, from, Math.min(chunk, bytes.length - from)));
    }
    return List.copyOf(seen);
  }

  private SseEventParser newParser() {
    return new SseEventParser(new SseEventParser.Listener() {
      @Override
      public void onRetry(long millis) {
        seen.add("retry " + millis);
      }

      @Override
      public void onStock(long id, byte[] data, int length) {
        seen.add(id + " " + new String(data, 0, length, StandardCharsets.UTF_8));
      }
    });
  }
}
