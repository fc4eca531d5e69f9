package dev.storefront.cli;

import dev.storefront.config.AppConfig;
import dev.storefront.config.ConfigException;
import dev.storefront.payment.ProviderEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The payment provider's stand-in for development and the end-to-end suite. */
@Command(name = "payments", description = "Payment provider stand-in.", subcommands = PaymentsCommand.Simulate.class)
public final class PaymentsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "simulate", description = "Sign an event for an order with PAYMENT_WEBHOOK_SECRET and post it "
      + "to the webhook, exactly as the provider would.")
  public static final class Simulate implements Callable<Integer> {
    private static final Map<String, String> TYPES = Map.of("succeeded", ProviderEvent.SUCCEEDED,
        "failed", ProviderEvent.FAILED, "refunded", ProviderEvent.REFUNDED);

    @Option(names = "--order", required = true, description = "Order id")
    long orderId;

    @Option(names = "--event", required = true, description = "succeeded, failed or refunded")
    String event;

    @Option(names = "--url", description = "Webhook URL (default http://127.0.0.1:$HTTP_PORT/api/v1/webhooks/payments)")
    String url;

    public Simulate() {}

    /** The same run with its options given directly (the end-to-end suite, tests). */
    public Simulate(long orderId, String event, String url) {
      this.orderId = orderId;
      this.event = event;
      this.url = url;
    }

    @Override
    public Integer call() throws Exception {
      return post(AppConfig.fromEnvironment());
    }

    /** Posts the signed event; 0 when the webhook answered 2xx. */
    public int post(AppConfig config) throws Exception {
      String type = TYPES.get(event);
      if (type == null) throw new IllegalArgumentException("--event must be succeeded, failed or refunded");
      String secret = config.commerce().paymentWebhookSecret();
      if (secret == null) throw new ConfigException("PAYMENT_WEBHOOK_SECRET", "required to sign events");
      ProviderEvent.Signed event = ProviderEvent.signed(secret, type, paymentReference(config), orderId);
      String target = url != null ? url : "http://127.0.0.1:" + config.httpPort() + "/api/v1/webhooks/payments";
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("Stripe-Signature", event.signatureHeader())
          .POST(HttpRequest.BodyPublishers.ofByteArray(event.body().getBytes())).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println(response.statusCode() + " " + response.body());
      return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    private String paymentReference(AppConfig config) throws Exception {
      var db = config.database();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + config.databaseSchema(),
          db.user(), db.password());
          PreparedStatement ps = c.prepareStatement("SELECT payment_reference FROM orders WHERE id = ?")) {
        ps.setLong(1, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw new IllegalArgumentException("no order " + orderId);
          return rs.getString(1);
        }
      }
    }
  }
}
