package dev.storefront.stream;

import dev.storefront.web.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parsing of what stream requests carry: the product filter, the id to resume after, a bearer token. */
final class StreamRequests {
  static final int MAX_PRODUCTS = 100;
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer ([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

  private StreamRequests() {}

  /** {@code 1,2,3}: distinct positive ids, at most {@value #MAX_PRODUCTS}; null when absent (all products). */
  static Long[] products(String raw) {
    if (raw == null) return null;
    TreeSet<Long> ids = new TreeSet<>();
    for (String part : raw.split(",", -1)) {
      Long id = id(part);
      if (id == null) throw ProblemException.badRequest("products: a comma-separated list of product ids, e.g. 1,2,3");
      ids.add(id);
    }
    if (ids.size() > MAX_PRODUCTS) throw ProblemException.badRequest("products: at most " + MAX_PRODUCTS + " ids");
    return ids.toArray(Long[]::new);
  }

  /** {@code Last-Event-ID} (what EventSource sends on reconnect), else {@code lastEventId}; null for neither. */
  static Long resumeAfter(RoutingContext rc) {
    List<String> headers = rc.request().headers().getAll("Last-Event-ID");
    String source = headers.isEmpty() ? "lastEventId" : "Last-Event-ID";
    String raw = headers.isEmpty() ? rc.queryParams().get("lastEventId") : headers.get(0);
    if (raw == null) return null;
    String value = raw.strip();
    Long id = value.equals("0") ? Long.valueOf(0) : id(value);
    if (headers.size() > 1 || id == null) {
      throw ProblemException.badRequest(source + ": the id of the last event received (an integer from 0 to "
          + Long.MAX_VALUE + ")");
    }
    return id;
  }

  /** A positive id up to Long.MAX_VALUE, or null. */
  private static Long id(String raw) {
    if (!ID.matcher(raw).matches()) return null;
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /** The compact JWS of the one {@code Authorization: Bearer} header, or null. */
  static String bearer(RoutingContext rc) {
    List<String> lines = rc.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (lines.size() != 1) return null;
    var m = BEARER.matcher(lines.get(0));
    return m.matches() ? m.group(1) : null;
  }
}
