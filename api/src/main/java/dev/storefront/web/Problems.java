package dev.storefront.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders RFC 9457 problem documents; {@code type} is a stable reference under /problems/. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static Buffer body(int status, String type, String title, String detail, String instance, String requestId) {
    JsonObject json = new JsonObject()
        .put("type", "/problems/" + type)
        .put("title", title)
        .put("status", status);
    if (detail != null && !detail.isBlank()) json.put("detail", detail);
    if (instance != null) json.put("instance", instance);
    if (requestId != null) json.put("requestId", requestId);
    return json.toBuffer();
  }

  /**
   * The {@code instance} of a problem with a request: its path, as a URI reference. A path the
   * server refused may not be one (a lone {@code %}, a control character, raw non-ASCII): what a
   * path may not hold is percent-encoded (UTF-8), and so is {@code :} in a path that does not start
   * with {@code /}, which would read as a scheme. Null for no path.
   */
  public static String instanceOf(String path) {
    if (path == null || path.isEmpty()) return null;
    boolean absolute = path.charAt(0) == '/';
    StringBuilder out = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean keep = c == '%' ? i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))
          : c == ':' ? absolute : c < 0x80 && PATH_CHARS.indexOf(c) >= 0;
      if (keep && out == null) continue;
      if (out == null) out = new StringBuilder(path.length() + 16).append(path, 0, i);
      if (keep) {
        out.append(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))
          ? i + 2 : i + 1;
      for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
      i = end - 1;
    }
    return out == null ? path : out.toString();
  }

  /** RFC 3986 pchar and '/', less ':' and pct-encoded (decided on their own). */
  private static final String PATH_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  public static void send(HttpServerResponse response, int status, String type, String title, String detail,
      String instance, String requestId) {
    if (response.ended() || response.headWritten()) return;
    Buffer body = body(status, type, title, detail, instance, requestId);
    // Set here, not left to Vert.x, which sets none on a HEAD answer: HEAD gets the GET's length too.
    response.setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Length", Integer.toString(body.length()))
        .end(body);
  }

  private record Standard(String type, String title) {}

  private static final Map<Integer, Standard> STANDARD = Map.ofEntries(
      Map.entry(400, new Standard("invalid-request", "Invalid request")),
      Map.entry(401, new Standard("unauthorized", "Unauthorized")),
      Map.entry(403, new Standard("forbidden", "Forbidden")),
      Map.entry(404, new Standard("not-found", "Not found")),
      Map.entry(405, new Standard("method-not-allowed", "Method not allowed")),
      Map.entry(406, new Standard("not-acceptable", "Not acceptable")),
      Map.entry(413, new Standard("payload-too-large", "Payload too large")),
      Map.entry(414, new Standard("uri-too-long", "URI too long")),
      Map.entry(415, new Standard("unsupported-media-type", "Unsupported media type")),
      Map.entry(429, new Standard("too-many-requests", "Too many requests")),
      Map.entry(431, new Standard("header-too-large", "Request header fields too large")),
      Map.entry(503, new Standard("service-unavailable", "Service unavailable")),
      Map.entry(505, new Standard("http-version-not-supported", "HTTP version not supported")));
  private static final Standard SERVER_ERROR = new Standard("internal-error", "Internal error");
  private static final Standard OTHER = new Standard("request-failed", "Request failed");

  /** The problem type and title every answer with this status gets unless it names its own. */
  static ProblemException standard(int status, String detail) {
    Standard std = standard(status);
    return new ProblemException(status, std.type(), std.title(), detail);
  }

  private static Standard standard(int status) {
    return STANDARD.getOrDefault(status, status >= 500 ? SERVER_ERROR : OTHER);
  }

  /** A short standard title for statuses that have no domain-specific one. */
  public static String title(int status) {
    return standard(status).title();
  }

  /** The stable type slug (under /problems/) for such statuses. */
  public static String type(int status) {
    return standard(status).type();
  }
}
