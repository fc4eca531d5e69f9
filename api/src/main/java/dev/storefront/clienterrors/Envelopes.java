package dev.storefront.clienterrors;

import dev.storefront.config.SentryDsn;
import dev.storefront.web.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Reads what the tunnel needs from a Sentry envelope: the DSN in its first line, a JSON header. */
final class Envelopes {
  /** The header is a small JSON object (event id, DSN, SDK, sent_at, trace context). */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private Envelopes() {}

  /** The DSN the envelope's header names; 400 when there is no header, no DSN, or it is not one. */
  static SentryDsn dsn(Buffer envelope) {
    if (envelope == null || envelope.length() == 0) throw ProblemException.badRequest("The body is empty; a Sentry envelope was expected.");
    int end = 0;
    int limit = Math.min(envelope.length(), MAX_HEADER_BYTES + 1);
    while (end < limit && envelope.getByte(end) != '\n') end++;
    if (end > MAX_HEADER_BYTES) throw ProblemException.badRequest("The envelope header is longer than " + MAX_HEADER_BYTES + " bytes.");
    JsonObject header;
    try {
      header = new JsonObject(envelope.getString(0, end, StandardCharsets.UTF_8.name()));
    } catch (RuntimeException e) {
      throw ProblemException.badRequest("The envelope header (its first line) is not a JSON object.");
    }
    if (!(header.getValue("dsn") instanceof String dsn)) {
      throw ProblemException.badRequest("The envelope header has no dsn.");
    }
    try {
      return SentryDsn.parse(dsn);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("The envelope header's dsn " + e.getMessage() + ".");
    }
  }
}
