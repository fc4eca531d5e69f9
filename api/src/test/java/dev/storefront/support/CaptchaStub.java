package dev.storefront.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a captcha provider's siteverify endpoint (form in, JSON {@code success} out). */
public final class CaptchaStub implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private volatile boolean answer = true;
  public final List<JsonObject> requests = new CopyOnWriteArrayList<>();

  public CaptchaStub() {
    server = vertx.createHttpServer().requestHandler(req -> {
      req.setExpectMultipart(true);
      req.endHandler(v -> {
        requests.add(new JsonObject().put("secret", req.getFormAttribute("secret"))
            .put("response", req.getFormAttribute("response")).put("remoteip", req.getFormAttribute("remoteip")));
        req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("success", answer).encode());
      });
    }).listen(0, "127.0.0.1").await();
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/siteverify";
  }

  public void answer(boolean success) {
    this.answer = success;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
