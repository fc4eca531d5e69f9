package dev.storefront;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages of a stop one after the other. A stage that fails is logged and the next one
 * still runs: a Redis that will not close must not keep the PostgreSQL connections open.
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  record Stage(String name, Supplier<Future<?>> action) {}

  private Shutdown() {}

  static Stage stage(String name, Supplier<Future<?>> action) {
    return new Stage(name, action);
  }

  static Future<Void> run(List<Stage> stages) {
    Future<Void> done = Future.succeededFuture();
    for (Stage stage : stages) {
      done = done.compose(v -> start(stage)
          .transform(ar -> {
            if (ar.failed()) LOG.warn("shutdown stage '{}' failed: {}", stage.name(), ar.cause().toString());
            return Future.<Void>succeededFuture();
          }));
    }
    return done;
  }

  private static Future<?> start(Stage stage) {
    LOG.info("shutdown: {}", stage.name());
    try {
      return stage.action().get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
