package dev.storefront.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a payment provider's hosted payment page (dev run and end-to-end suite). The
 * storefront sends the shopper to {@code GET /pay?reference&order&amount&currency&return}; the page
 * shows the order and amount with a pay and a decline button. Either has a Stripe-style event for the
 * payment reference signed with the webhook secret, exactly as the provider would, posts it to the
 * API's webhook and, once the API took it, sends the browser back (303) to {@code return}, which must
 * be on the API's own origin. The API itself has no way to mark an order paid.
 *
 * <p>The event and its signature come from the caller ({@link Signer}): the service's own
 * {@code ProviderEvent} and {@code StripeSignature}, which this module cannot depend on.
 */
public final class PaymentProvider implements AutoCloseable {
  static final long WEBHOOK_TIMEOUT_MS = 10_000;

  /** One event the provider delivered, with the webhook's answer. */
  public record Delivery(long orderId, String reference, boolean succeeded, int webhookStatus, String outcome) {}

  /** A signed event: the raw JSON body and its {@code Stripe-Signature} header. */
  public record SignedEvent(byte[] body, String signatureHeader) {}

  /** Builds and signs the event for a payment that succeeded (pay) or failed (decline). */
  @FunctionalInterface
  public interface Signer {
    SignedEvent sign(boolean succeeded, String reference, long orderId);
  }

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
  private final Signer signer;
  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile int apiPort;

  private PaymentProvider(Signer signer) {
    this.signer = signer;
    Router router = Router.router(vertx);
    router.get("/pay").handler(this::page);
    router.post("/pay").handler(BodyHandler.create().setBodyLimit(16_384)).handler(this::pay);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  /** Listens on a free port of 127.0.0.1; {@link #serve} names the API it pays into. */
  public static PaymentProvider start(Signer signer) {
    return new PaymentProvider(signer);
  }

  /** The API on 127.0.0.1:{@code port}: its webhook gets the events, its origin is the only allowed return. */
  public PaymentProvider serve(int port) {
    this.apiPort = port;
    return this;
  }

  /** The hosted payment page: the API's PAYMENT_PAGE_URL. */
  public String pageUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/pay";
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private void page(RoutingContext rc) {
    PaymentRequest p = PaymentRequest.from(rc.request().params(), origins());
    if (p.problem() != null) {
      rc.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8").end(p.problem());
      return;
    }
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
        .end(PaymentPage.html(p));
  }

  private void pay(RoutingContext rc) {
    MultiMap form = rc.request().formAttributes();
    PaymentRequest p = PaymentRequest.from(form, origins());
    String choice = form.get("outcome");
    boolean succeeded = "succeeded".equals(choice);
    String problem = p.problem() != null ? p.problem()
        : !succeeded && !"declined".equals(choice) ? "outcome must be succeeded or declined" : null;
    if (problem != null) {
      rc.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8").end(problem);
      return;
    }
    deliver(p, succeeded).onComplete(ar -> {
      int status = ar.succeeded() ? ar.result().statusCode() : 0;
      String outcome = status / 100 == 2 ? outcome(ar.result().bodyAsString()) : null;
      deliveries.add(new Delivery(p.orderId(), p.reference(), succeeded, status, outcome));
      // A real provider only sends events for payments the shop opened with it.
      if (status / 100 == 2 && !"unknown-payment".equals(outcome)) {
        rc.response().setStatusCode(303).putHeader("Location", p.returnUrl()).end();
      } else {
        rc.response().setStatusCode(502).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("the shop did not take the payment event: "
                + (ar.failed() ? ar.cause().toString() : "HTTP " + status + " " + ar.result().bodyAsString()));
      }
    });
  }

  private static String outcome(String body) {
    try {
      return new io.vertx.core.json.JsonObject(body).getString("outcome");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Posts the signed event to the API's webhook. */
  private Future<HttpResponse<Buffer>> deliver(PaymentRequest p, boolean succeeded) {
    SignedEvent event = signer.sign(succeeded, p.reference(), p.orderId());
    return client.post(apiPort, "127.0.0.1", "/api/v1/webhooks/payments").timeout(WEBHOOK_TIMEOUT_MS)
        .putHeader("Content-Type", "application/json").putHeader("Stripe-Signature", event.signatureHeader())
        .sendBuffer(Buffer.buffer(event.body()));
  }

  private Set<String> origins() {
    int port = apiPort;
    return port == 0 ? Set.of() : Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
  }

  /** The origin of {@code url} (scheme://host:port, port always written), or null when it is not an absolute http(s) URL. */
  static String origin(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null) return null;
      String scheme = u.getScheme().toLowerCase();
      if (!scheme.equals("http") && !scheme.equals("https")) return null;
      int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + u.getHost().toLowerCase() + ":" + port;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
