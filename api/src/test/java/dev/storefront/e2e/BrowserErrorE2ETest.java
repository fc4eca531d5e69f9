package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.SentryIngest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An uncaught error in the page reaches Sentry (a local ingest) through the API's tunnel. */
@ExtendWith(E2eExtension.class)
class BrowserErrorE2ETest {

  @Test
  void anUncaughtErrorReachesSentryThroughTheTunnelWithStackReleaseAndEnvironment(Storefront shop, Session s)
      throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    s.page.onRequest(r -> requests.add(r.method() + " " + r.url()));
    s.open("/");
    JsonObject clientConfig = shop.app.get("/api/v1/client-config").bodyAsJsonObject();

    s.page.evaluate("setTimeout(() => { throw new Error('e2e-boom') })");
    SentryIngest.Envelope envelope = shop.sentry.await(body -> body.contains("e2e-boom"), 20_000);
    assertThat(envelope).as("an envelope with the error at the Sentry stand-in; got %s", shop.sentry.received()).isNotNull();
    s.step("after-error");

    assertThat(envelope.project()).isEqualTo(Integer.toString(Storefront.BROWSER_PROJECT));
    assertThat(requests).as("the browser posted to the tunnel").contains("POST " + shop.baseUrl() + "/api/v1/errors");
    assertThat(requests).as("and never to Sentry itself").noneMatch(r -> r.contains(":" + shop.sentry.port() + "/"));

    JsonObject event = envelope.body().lines().filter(l -> l.contains("\"exception\""))
        .map(JsonObject::new).findFirst().orElseThrow();
    JsonObject exception = event.getJsonObject("exception").getJsonArray("values").getJsonObject(0);
    assertThat(exception.getString("type")).isEqualTo("Error");
    assertThat(exception.getString("value")).isEqualTo("e2e-boom");
    JsonArray frames = exception.getJsonObject("stacktrace").getJsonArray("frames");
    assertThat(frames).as("stack frames in %s", event).isNotEmpty();
    JsonObject top = frames.getJsonObject(frames.size() - 1);
    assertThat(top.getInteger("lineno")).as("line of the throwing frame %s", top).isPositive();
    assertThat(top.getInteger("colno")).as("column of the throwing frame %s", top).isPositive();
    assertThat(event.getString("release")).isEqualTo(Storefront.RELEASE).isEqualTo(clientConfig.getString("release"));
    assertThat(event.getString("environment")).isEqualTo(Storefront.ENVIRONMENT)
        .isEqualTo(clientConfig.getString("environment"));
  }
}
