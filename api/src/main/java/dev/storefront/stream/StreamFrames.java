package dev.storefront.stream;

import io.vertx.core.buffer.Buffer;

/** The control frames streams send besides events (formats documented in the contract). */
final class StreamFrames {
  private StreamFrames() {}

  /** The client's last id can no longer be resumed from: refetch, then follow from {@code id}. */
  static Buffer reset(long id, String reason) {
    return Buffer.buffer("id: " + id + "\nevent: reset\ndata: {\"reason\":\"" + reason + "\"}\n\n");
  }

  /** The sign-in this stream was opened under has ended (logout, or a stolen refresh token). */
  static Buffer revoked() {
    return Buffer.buffer("event: revoked\ndata: {\"reason\":\"signed-out\"}\n\n");
  }

  /** The instance is stopping: reconnect (to another instance) after {@code retryMs}. */
  static Buffer shutdown(int retryMs) {
    return Buffer.buffer("retry: " + retryMs + "\nevent: shutdown\ndata: {\"reason\":\"shutdown\"}\n\n");
  }
}
