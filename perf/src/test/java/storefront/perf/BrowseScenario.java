package storefront.perf;

import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/** The browse scenario (one {@link BrowseMix} request per user), shared by the simulations. */
final class BrowseScenario {

  private BrowseScenario() {}

  static ScenarioBuilder build(long seed) {
    return scenario("browse").exec(chain(seed));
  }

  /** Feeds one record and sends its request, named PDP, PLP or search. */
  static ChainBuilder chain(long seed) {
    ChainBuilder pdp = exec(
        http("PDP").get("/api/v1/products/#{id}").check(status().is(200)));
    ChainBuilder plp = exec(
        http("PLP")
            .get("/api/v1/products")
            .queryParam("category", "#{category}")
            .queryParam("sort", "#{sort}")
            .queryParam("page", "#{page}")
            .queryParam("size", BrowseMix.PAGE_SIZE)
            .check(status().is(200)));
    ChainBuilder search = exec(
        http("search")
            .get("/api/v1/products")
            .queryParam("q", "#{q}")
            .queryParam("page", 1)
            .queryParam("size", BrowseMix.PAGE_SIZE)
            .check(status().is(200)));
    return exec(
        feed(new BrowseMix(seed)),
        doSwitch("#{kind}").on(
            onCase("pdp").then(pdp),
            onCase("plp").then(plp),
            onCase("search").then(search)));
  }
}
