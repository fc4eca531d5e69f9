package storefront.perf;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Browse workload (docs/workload-and-targets.md) in an open model: new users
 * arrive at {@code rate} per second whatever the response times, each sends one request chosen by
 * {@link BrowseMix}, with no think time.
 *
 * <p>System properties: {@code baseUrl} (http://localhost:8080), {@code managementUrl}
 * (http://localhost:9090, where the readiness probe is), {@code rate} (200 users/s = req/s),
 * {@code duration} (60 s at full rate), {@code rampSeconds} (10 s from 1/s up to rate),
 * {@code p95Ms} (300), {@code seed} (42), {@code clientWarmupUrl} and {@code clientWarmupSeconds}
 * (none, 0): before the browse load, Gatling sends {@code rate} req/s for that long to another
 * server (e.g. the plaintext baseline), so that a cold-start run measures the API's cold start
 * rather than the load generator's own JIT warm-up on the same cores.
 */
public class BrowseSimulation extends Simulation {

  private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
  private final String managementUrl = System.getProperty("managementUrl", "http://localhost:9090");
  private final double rate = Double.parseDouble(System.getProperty("rate", "200"));
  private final long durationSeconds = Long.getLong("duration", 60);
  private final long rampSeconds = Long.getLong("rampSeconds", 10);
  private final int p95Ms = Integer.getInteger("p95Ms", 300);
  private final long seed = Long.getLong("seed", 42);
  private final String clientWarmupUrl = System.getProperty("clientWarmupUrl", "");
  private final long clientWarmupSeconds = Long.getLong("clientWarmupSeconds", 0);

  private final HttpProtocolBuilder httpProtocol = ApiProtocol.of(baseUrl, "browse");

  /** Checks readiness and loads the category tree once; a failure here fails the 0-errors assertion. */
  private final ScenarioBuilder warmUp = scenario("warm-up").exec(
      http("ready").get(managementUrl + "/health/ready").check(status().is(200)),
      http("categories").get("/api/v1/categories").check(status().is(200)));

  private final ScenarioBuilder clientWarmup = scenario("client warm-up").exec(
      http("client warm-up").get(clientWarmupUrl).check(status().is(200)));

  private final ScenarioBuilder browse = BrowseScenario.build(seed);

  /** Ramp (skipped when rampSeconds is 0) then a constant arrival rate. */
  private List<OpenInjectionStep> arrivals() {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (rampSeconds > 0) {
      steps.add(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(rampSeconds)));
    }
    steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(durationSeconds)));
    return steps;
  }

  {
    PopulationBuilder load = browse.injectOpen(arrivals());
    if (clientWarmupSeconds > 0 && !clientWarmupUrl.isEmpty()) {
      load = clientWarmup.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(clientWarmupSeconds)))
          .andThen(load);
    }
    setUp(warmUp.injectOpen(atOnceUsers(1)).andThen(load))
        .protocols(httpProtocol)
        .assertions(
            // Per request kind, so that client warm-up requests never count towards the API's figures.
            details("PDP").responseTime().percentile(95.0).lt(p95Ms),
            details("PLP").responseTime().percentile(95.0).lt(p95Ms),
            details("search").responseTime().percentile(95.0).lt(p95Ms),
            global().failedRequests().count().is(0L));
  }
}
