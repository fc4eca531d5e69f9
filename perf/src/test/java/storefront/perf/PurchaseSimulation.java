package storefront.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The purchase flow under browse load, both open-model. Each purchase user signs up, signs in,
 * puts 1-3 products in the cart, checks out and has the order paid by a Stripe-signed
 * {@code payment_intent.succeeded} webhook; meanwhile browse users arrive as in
 * {@link BrowseSimulation}. Requests are grouped ("purchase", "browse") so the report and the
 * assertions have per-step and per-scenario percentiles. Properties: perf/README.md.
 */
public class PurchaseSimulation extends Simulation {

  static final List<String> STEPS =
      List.of("signup", "login", "product page", "cart item", "checkout", "payment webhook");
  private static final String ADDRESS = "{\"shippingAddress\":{\"name\":\"Perf Buyer\",\"line1\":\"1 Load Street\","
      + "\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"FR\"}}";

  private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
  private final String managementUrl = System.getProperty("managementUrl", "http://localhost:9090");
  private final double purchaseRate = Double.parseDouble(System.getProperty("purchaseRate", "50"));
  private final double browseRate = Double.parseDouble(System.getProperty("browseRate", "1000"));
  private final long durationSeconds = Long.getLong("duration", 60);
  private final long rampSeconds = Long.getLong("rampSeconds", 10);
  private final int purchaseP95Ms = Integer.getInteger("purchaseP95Ms", 100);
  private final int browseP95Ms = Integer.getInteger("browseP95Ms", 10);
  private final long seed = Long.getLong("seed", 42);
  private final String webhookSecret = System.getProperty("webhookSecret", "whsec_bench");
  // Unique per run, so reruns against the same schema never sign up an existing email.
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  // preCreate: buyers sign up (201 carries their tokens) in a phase before the load, at
  // preCreateRate, so the measured phase has no Argon2 hashing.
  private final boolean preCreate = Boolean.getBoolean("preCreate");
  private final double preCreateRate = Double.parseDouble(System.getProperty("preCreateRate", "15"));
  private final BuyerQueue buyers = new BuyerQueue();

  private final HttpProtocolBuilder httpProtocol = ApiProtocol.of(baseUrl, "purchase")
      .contentTypeHeader("application/json");

  private final ScenarioBuilder warmUp = scenario("warm-up").exec(
      http("ready").get(managementUrl + "/health/ready").check(status().is(200)),
      http("categories").get("/api/v1/categories").check(status().is(200)));

  // exitHereIfFailed: a buyer whose step failed stops, so one failure counts once rather than again
  // as every later step that lacks its token or order.
  private final ChainBuilder signUpAndSignIn = exec(
      http("signup").post("/api/v1/auth/signup")
          .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
          .check(status().is(201)))
      .exitHereIfFailed()
      .exec(http("login").post("/api/v1/auth/login")
          .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
          .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
      .exitHereIfFailed();

  private final ChainBuilder pay = exec(session -> {
        long now = System.currentTimeMillis() / 1000;
        String body = StripeSigner.succeededEvent("evt_" + UUID.randomUUID().toString().replace("-", ""),
            session.getString("paymentReference"), session.getLong("orderId"), now);
        return session.set("webhookBody", body).set("signature", StripeSigner.header(webhookSecret, now, body));
      })
      .exec(http("payment webhook").post("/api/v1/webhooks/payments")
          .header("Stripe-Signature", "#{signature}")
          .body(StringBody("#{webhookBody}"))
          .check(status().is(200), jsonPath("$.outcome").is("paid")));

  // As a shopper does: each product is put in the cart from its page, only while in stock and at
  // most as many as the page says are left (the data set has sold-out and nearly sold-out
  // products); a buyer who found nothing in stock leaves without checking out. A checkout refused
  // because another buyer took the last units first (409 out-of-stock) is a correct answer, not a
  // failure: that buyer leaves without paying. Any other 409 fails the check.
  private final ChainBuilder fillCartAndCheckOut = exec(session -> session.set("added", false))
      .foreach("#{items}", "item").on(
          exec(http("product page").get("/api/v1/products/#{item.id}")
              .check(status().is(200), jsonPath("$.inStock").ofBoolean().saveAs("inStock"),
                  jsonPath("$.stock").ofInt().saveAs("stock")))
          .doIf("#{inStock}").then(
              exec(session -> session.set("quantity",
                  Math.min((Integer) session.<Map<String, Object>>get("item").get("quantity"), session.getInt("stock"))))
              .exec(http("cart item").put("/api/v1/cart/items/#{item.id}")
                  .header("Authorization", "Bearer #{token}")
                  .body(StringBody("{\"quantity\":#{quantity}}"))
                  .check(status().is(200)))
              .exec(session -> session.set("added", true))))
      .exitHereIfFailed()
      .doIf("#{added}").then(
          exec(http("checkout").post("/api/v1/checkout")
              .header("Authorization", "Bearer #{token}")
              .header("Idempotency-Key", "#{idempotencyKey}")
              .body(StringBody(ADDRESS))
              .check(status().in(201, 409).saveAs("checkoutStatus"))
              .checkIf((response, session) -> response.status().code() == 201).then(
                  jsonPath("$.id").ofLong().saveAs("orderId"), jsonPath("$.payment.reference").saveAs("paymentReference"))
              .checkIf((response, session) -> response.status().code() == 409).then(
                  jsonPath("$.type").is("/problems/out-of-stock")))
          .exitHereIfFailed()
          .doIf(session -> session.getInt("checkoutStatus") == 201).then(exec(pay)));

  private final ChainBuilder purchase = exec(
      feed(new PurchaseMix(seed, runId)),
      group("purchase").on(signUpAndSignIn, fillCartAndCheckOut));

  private final ScenarioBuilder purchaseScenario = scenario("purchase").exec(purchase);

  // Setting up, not measured: a sign-up refused because the hashing queue is full (503 with
  // Retry-After: 1) is tried again a second later, as a client would, up to 10 times.
  private final ScenarioBuilder preCreateScenario = scenario("pre-create buyers").exec(
      feed(new PurchaseMix(seed, runId)),
      exec(session -> session.set("signupStatus", 503).set("attempts", 0)),
      asLongAs(session -> session.getInt("signupStatus") == 503 && session.getInt("attempts") < 10).on(
          exec(session -> session.set("attempts", session.getInt("attempts") + 1))
          .exec(http("pre-create signup").post("/api/v1/auth/signup")
              .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
              .check(status().in(201, 503).saveAs("signupStatus"))
              .checkIf((response, session) -> response.status().code() == 201).then(
                  jsonPath("$.accessToken").saveAs("token")))
          .doIf(session -> session.getInt("signupStatus") == 503).then(pause(1))),
      exec(session -> {
        if (!session.isFailed() && session.getInt("signupStatus") == 201) buyers.add(session);
        return session;
      }));

  private final ScenarioBuilder preCreatedPurchaseScenario = scenario("purchase").exec(
      feed(buyers),
      group("purchase").on(fillCartAndCheckOut));
  private final ScenarioBuilder browseScenario = scenario("browse")
      .exec(group("browse").on(BrowseScenario.chain(seed)));

  private List<OpenInjectionStep> arrivals(double rate) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (rampSeconds > 0) {
      steps.add(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(rampSeconds)));
    }
    steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(durationSeconds)));
    return steps;
  }

  private List<Assertion> assertions() {
    List<Assertion> assertions = new ArrayList<>();
    for (String step : preCreate ? STEPS.subList(2, STEPS.size()) : STEPS) {
      assertions.add(details("purchase", step).responseTime().percentile(95.0).lt(purchaseP95Ms));
    }
    assertions.add(details("browse").responseTime().percentile(95.0).lt(browseP95Ms));
    assertions.add(global().failedRequests().count().is(0L));
    return assertions;
  }

  {
    if (preCreate) {
      // 10% more buyers than purchases: a sign-up refused under load (503) must not empty the
      // feeder, which would stop the run.
      int count = (int) Math.ceil(purchaseRate * (durationSeconds + rampSeconds / 2.0) * 1.1);
      setUp(
          warmUp.injectOpen(atOnceUsers(1)).andThen(
              preCreateScenario.injectOpen(rampUsers(count).during(Duration.ofSeconds((long) Math.ceil(count / preCreateRate))))
                  .andThen(
                      preCreatedPurchaseScenario.injectOpen(arrivals(purchaseRate)),
                      browseScenario.injectOpen(arrivals(browseRate)))))
          .protocols(httpProtocol)
          .assertions(assertions());
    } else {
      setUp(
          warmUp.injectOpen(atOnceUsers(1)).andThen(
              purchaseScenario.injectOpen(arrivals(purchaseRate)),
              browseScenario.injectOpen(arrivals(browseRate))))
          .protocols(httpProtocol)
          .assertions(assertions());
    }
  }
}
