package dev.storefront.ops;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The one-off traffic the dashboards' business and realtime panels need besides the read load: a
 * shopper's purchase paid through the payment webhook, and stock changes watched over an SSE stream
 * that then ends.
 */
final class Traffic {
  private Traffic() {}

  static String signUp(Http api) {
    Http.Response r = api.send("POST", "/api/v1/auth/signup", null,
        "{\"email\":\"shopper-" + System.nanoTime() + "@example.test\",\"password\":\"a-long-ops-passphrase\"}");
    if (r.status() != 201) throw new AssertionError("sign-up answered " + r.status() + " " + r.body());
    return r.json().get("accessToken").asString();
  }

  static String signInAdmin(Http api) {
    Http.Response r = api.send("POST", "/api/v1/auth/login", null,
        "{\"email\":\"" + LiveStack.ADMIN_EMAIL + "\",\"password\":\"" + LiveStack.ADMIN_PASSWORD + "\"}");
    if (r.status() != 200) throw new AssertionError("admin sign-in answered " + r.status() + " " + r.body());
    return r.json().get("accessToken").asString();
  }

  static void setStock(Http api, String admin, int product, int stock) {
    Http.Response r = api.send("PUT", "/api/v1/admin/products/" + product + "/stock", admin, "{\"stock\":" + stock + "}");
    if (r.status() != 200) throw new AssertionError("stock change answered " + r.status() + " " + r.body());
  }

  /** Buys one unit of the product and has the payment provider's stand-in report it paid. */
  static void purchase(LiveStack stack, String shopper, int product) throws InterruptedException {
    Http api = stack.api;
    Http.Response put = api.send("PUT", "/api/v1/cart/items/" + product, shopper, "{\"quantity\":1}");
    if (put.status() != 200) throw new AssertionError("cart answered " + put.status() + " " + put.body());
    Http.Response order = api.send("POST", "/api/v1/checkout", shopper, "{\"shippingAddress\":{\"name\":\"Ada Lovelace\","
        + "\"line1\":\"12 St James's Square\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}}",
        "Idempotency-Key", "ops-live-" + System.nanoTime());
    if (order.status() != 201) throw new AssertionError("checkout answered " + order.status() + " " + order.body());
    JsonNode id = order.json().get("id");
    Daemon pay = stack.start("payment", LiveStack.java("payments", "simulate", "--order", id.asString(),
        "--event", "succeeded", "--url", api.base + "/api/v1/webhooks/payments"));
    if (pay.waitFor(60) != 0) throw new AssertionError("payments simulate failed:\n" + pay.output());
  }

  /** Opens the inventory stream, changes stock while it is open, reads the events, and hangs up. */
  static void watchStockChanges(Http api, String admin, List<Integer> products) throws Exception {
    String hostPort = api.base.substring("http://".length());
    try (Socket socket = new Socket(hostPort.split(":")[0], Integer.parseInt(hostPort.split(":")[1]))) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/inventory/stream HTTP/1.1\r\nHost: " + hostPort + "\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      if (status == null || !status.contains(" 200")) throw new AssertionError("stream answered " + status);
      int stock = 40;
      for (int product : products) setStock(api, admin, product, stock++);
      int events = 0;
      for (String line; events < products.size() && (line = in.readLine()) != null; ) {
        if (line.startsWith("event: stock")) events++;
      }
      if (events < products.size()) throw new AssertionError("stream delivered " + events + " of " + products.size());
    }
  }
}
