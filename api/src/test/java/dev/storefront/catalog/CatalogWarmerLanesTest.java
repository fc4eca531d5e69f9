package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The warmer's bounded parallel runner, on its own: no database needed. */
class CatalogWarmerLanesTest {

  @Test
  void tasksThatFailAtOnceAreRunInALoopNotNestedOnTheStack() {
    // A closed pool fails every load before it returns: this used to overflow the stack.
    AtomicInteger ran = new AtomicInteger();
    List<Supplier<Future<?>>> tasks = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      tasks.add(() -> {
        ran.incrementAndGet();
        return Future.failedFuture("Pool closed");
      });
    }

    Future<Void> all = CatalogWarmer.inParallel(tasks, 8);

    assertThat(all.succeeded()).isTrue();
    assertThat(ran).hasValue(300_000);
  }

  @Test
  void noMoreThanTheWidthRunAtOnceAndEveryTaskRuns() {
    List<Promise<Void>> pending = new ArrayList<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    List<Supplier<Future<?>>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tasks.add(() -> {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Promise<Void> p = Promise.promise();
        pending.add(p);
        return p.future().onComplete(ar -> inFlight.decrementAndGet());
      });
    }

    Future<Void> all = CatalogWarmer.inParallel(tasks, 4);
    for (int i = 0; i < pending.size(); i++) {
      assertThat(all.isComplete()).isFalse();
      if (i % 2 == 0) pending.get(i).complete(); else pending.get(i).fail("skipped, not fatal");
    }

    assertThat(pending).hasSize(50);
    assertThat(mostInFlight).hasValue(4);
    assertThat(all.succeeded()).isTrue();
  }
}
