package dev.storefront.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

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

  public static void send(HttpServerResponse response, int status, String type, String title, String detail,
      String instance, String requestId) {
    if (response.ended() || response.headWritten()) return;
    response.setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(body(status, type, title, detail, instance, requestId));
  }

  /** A short standard title for statuses that have no domain-specific one. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 413 -> "Payload too large";
      case 414 -> "URI too long";
      case 415 -> "Unsupported media type";
      case 429 -> "Too many requests";
      case 431 -> "Request header fields too large";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal error" : "Request failed";
    };
  }

  public static String type(int status) {
    return switch (status) {
      case 400 -> "invalid-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 431 -> "header-too-large";
      case 503 -> "service-unavailable";
      default -> status >= 500 ? "internal-error" : "request-failed";
    };
  }
}
