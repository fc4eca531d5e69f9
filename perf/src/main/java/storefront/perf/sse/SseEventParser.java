package storefront.perf.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental parser of one text/event-stream (the WHATWG "event stream interpretation"):
 * buffers may split a line, or a CRLF, anywhere. It copies bytes into two arrays it reuses and
 * builds no String, so ten thousand streams cost little: comments (heartbeats) are skipped
 * without being copied, events other than {@code stock} are dropped once complete.
 */
final class SseEventParser {

  interface Listener {
    void onRetry(long millis);

    /** A complete {@code event: stock}; {@code data} is only valid during the call. */
    void onStock(long id, byte[] data, int length);
  }

  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final byte[] RETRY = ascii("retry");
  private static final byte[] STOCK = ascii("stock");

  private final Listener listener;
  private byte[] line = new byte[128];
  private int lineLength;
  private boolean inComment;
  private boolean afterCr;
  private byte[] data = new byte[128];
  private int dataLength;
  private boolean hasData;
  private boolean stockEvent;
  // The spec's "last event ID": it carries over to later events that have no id field.
  private long lastId = -1;

  SseEventParser(Listener listener) {
    this.listener = listener;
  }

  void feed(Buffer buffer) {
    int length = buffer.length();
    for (int i = 0; i < length; i++) {
      byte b = buffer.getByte(i);
      if (b == '\n') {
        if (afterCr) {
          afterCr = false; // second half of a CRLF
        } else {
          endLine();
        }
      } else if (b == '\r') {
        afterCr = true;
        endLine();
      } else {
        afterCr = false;
        if (lineLength == 0 && b == ':') {
          inComment = true;
        } else if (!inComment) {
          append(b);
        }
      }
    }
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    line[lineLength++] = b;
  }

  private void endLine() {
    if (inComment) {
      inComment = false;
      return;
    }
    if (lineLength == 0) {
      dispatch();
      return;
    }
    int colon = indexOfColon();
    int nameEnd = colon < 0 ? lineLength : colon;
    int value = colon < 0 ? lineLength : colon + 1;
    if (value < lineLength && line[value] == ' ') {
      value++;
    }
    if (isName(DATA, nameEnd)) {
      appendData(value);
    } else if (isName(EVENT, nameEnd)) {
      stockEvent = lineLength - value == STOCK.length
          && Arrays.equals(line, value, lineLength, STOCK, 0, STOCK.length);
    } else if (isName(ID, nameEnd)) {
      lastId = digits(value);
    } else if (isName(RETRY, nameEnd)) {
      long millis = digits(value);
      if (millis >= 0) {
        listener.onRetry(millis);
      }
    }
    lineLength = 0;
  }

  private void dispatch() {
    if (hasData && stockEvent) {
      listener.onStock(lastId, data, dataLength);
    }
    hasData = false;
    dataLength = 0;
    stockEvent = false;
  }

  private void appendData(int from) {
    int needed = dataLength + 1 + lineLength - from;
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    System.arraycopy(line, from, data, dataLength, lineLength - from);
    dataLength += lineLength - from;
    hasData = true;
  }

  private int indexOfColon() {
    for (int i = 0; i < lineLength; i++) {
      if (line[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  private boolean isName(byte[] name, int nameEnd) {
    return nameEnd == name.length && Arrays.equals(line, 0, nameEnd, name, 0, name.length);
  }

  /** The value as a non-negative number, or -1 when it is empty, too long or not all digits. */
  private long digits(int from) {
    if (from == lineLength || lineLength - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < lineLength; i++) {
      int digit = line[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
