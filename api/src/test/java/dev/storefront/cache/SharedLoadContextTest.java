package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two event loops share one load of a key (as two HTTP verticles do): the load completes on the
 * first loop, and the second one's lookup must still resume on its own thread.
 */
class SharedLoadContextTest {
  Vertx vertx;
  Redis redis;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    redis = Redis.createClient(vertx, Infrastructure.redisUrl());
  }

  @AfterEach
  void stop() {
    redis.close();
    vertx.close().await();
  }

  private ResponseCache cache(boolean l1Trusted) {
    return TestCaches.cache(vertx, TestCaches.namespace("shared_load"), TestCaches.store(redis), 30_000, 1 << 20,
        () -> l1Trusted);
  }

  @Test
  void aWaiterOnAnotherEventLoopResumesOnItsOwnThreadWhileTheL1IsBypassed() throws Exception {
    assertWaiterResumesOnItsOwnContext(cache(false));
  }

  @Test
  void aWaiterOnAnotherEventLoopResumesOnItsOwnThreadWhenTheL1IsTrusted() throws Exception {
    assertWaiterResumesOnItsOwnContext(cache(true));
  }

  private void assertWaiterResumesOnItsOwnContext(ResponseCache cache) throws Exception {
    // Two verticle instances, as HTTP_INSTANCES=2 deploys: each on its own event loop.
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(2)).await();
    Context a = contexts.get(0);
    Context b = contexts.get(1);
    Thread threadA = on(a, Thread::currentThread);
    Thread threadB = on(b, Thread::currentThread);
    assertThat(threadA).as("two event loops").isNotSameAs(threadB);

    Promise<Buffer> load = on(a, Promise::promise);
    CompletableFuture<Context> waiterResumedOn = new CompletableFuture<>();
    CompletableFuture<Thread> waiterThread = new CompletableFuture<>();
    on(a, () -> cache.get("pdp:1", load::future));
    // The second lookup joins the load in flight; it must not run the loader itself.
    on(b, () -> cache.get("pdp:1", () -> Future.failedFuture("a second load"))
        .onComplete(ar -> {
          waiterThread.complete(Thread.currentThread());
          waiterResumedOn.complete(Vertx.currentContext());
        }));
    a.runOnContext(v -> load.complete(Buffer.buffer("{\"id\":1}")));

    assertThat(waiterResumedOn.get(5, TimeUnit.SECONDS)).isSameAs(b);
    assertThat(waiterThread.get(5, TimeUnit.SECONDS)).isSameAs(threadB);
  }

  private static <T> T on(Context context, java.util.function.Supplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(body.get()));
    return result.get(5, TimeUnit.SECONDS);
  }
}
