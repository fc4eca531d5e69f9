package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;

/** One open SSE stream: its parser, what it received, and whether it opened or was lost. */
final class SseStream implements SseEventParser.Listener {
  final SseEventParser parser = new SseEventParser(this);
  final StreamDeliveries deliveries;
  private final StockPlan plan;
  private final LaneStats stats;
  private final Promise<Void> opened = Promise.promise();
  private HttpClientRequest request;
  private boolean open;

  SseStream(StockPlan plan, LaneStats stats) {
    this.plan = plan;
    this.stats = stats;
    this.deliveries = new StreamDeliveries(plan.size());
  }

  /** Completes at the first {@code retry:} line: the server has registered the stream. */
  Future<Void> opened() {
    return opened.future();
  }

  void attach(HttpClientRequest request) {
    this.request = request;
  }

  void markOpen() {
    open = true;
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public void onRetry(long millis) {
    opened.tryComplete();
  }

  @Override
  public void onStock(long id, byte[] data, int length) {
    long receivedMicros = MicroClock.micros();
    long productId = StockEventData.productId(data, length);
    long stock = StockEventData.stock(data, length);
    long atMicros = StockEventData.atMicros(data, length);
    if (productId == StockEventData.ABSENT || stock == StockEventData.ABSENT
        || atMicros == StockEventData.ABSENT) {
      stats.malformed++;
      return;
    }
    int change = plan.changeOf(productId, stock);
    if (change < 0) {
      stats.unexpected++;
      return;
    }
    switch (deliveries.record(change, id)) {
      case DUPLICATE -> stats.duplicated++;
      case FIRST_OUT_OF_ORDER -> {
        stats.outOfOrder++;
        stats.recordLag(receivedMicros - atMicros);
      }
      case FIRST -> stats.recordLag(receivedMicros - atMicros);
    }
  }

  /** The server ended the stream or the connection broke. */
  void lost(String reason) {
    if (open) {
      open = false;
      stats.dropped(reason);
    } else {
      opened.tryFail(reason);
    }
  }

  /** Closes the connection of a stream that failed to open in time. */
  void abandon() {
    if (request != null) {
      request.reset();
    }
  }
}
