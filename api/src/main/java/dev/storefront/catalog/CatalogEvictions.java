package dev.storefront.catalog;

import dev.storefront.events.Events;
import dev.storefront.events.FeedEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;

/**
 * Evicts the product page of every stock and product event this pod's feed publishes. Registered
 * before the feed starts, so no event of this process's life goes unseen.
 */
public final class CatalogEvictions {
  private final Vertx vertx;
  private final CatalogService catalog;
  private List<MessageConsumer<FeedEvent>> consumers = List.of();

  public CatalogEvictions(Vertx vertx, CatalogService catalog) {
    this.vertx = vertx;
    this.catalog = catalog;
  }

  public Future<Void> start() {
    consumers = List.of(consume(Events.STOCK), consume(Events.PRODUCT));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  private MessageConsumer<FeedEvent> consume(String type) {
    return vertx.eventBus().<FeedEvent>localConsumer(FeedEvent.address(type),
        message -> catalog.evictChanged(message.body().productId()));
  }

  public Future<Void> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
