package dev.storefront.order;

import dev.storefront.cart.CartLine;
import dev.storefront.cart.CartRepository;
import dev.storefront.catalog.StockChanges;
import dev.storefront.db.Retry;
import dev.storefront.db.SqlFiles;
import dev.storefront.events.Events;
import dev.storefront.order.IdempotencyKeys.Reply;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the cart into an order awaiting payment: prices from the database, stock reserved and the
 * cart emptied in one transaction with the idempotency key and the events. A cart holding a product
 * withdrawn from sale is refused whole, like one short of stock.
 */
public final class CheckoutService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOCKED_PRODUCTS = SqlFiles.load("order/locked-products.sql");
  private final Pool pool;
  private final StockChanges stock;
  private final int reservationMinutes;

  public CheckoutService(Pool pool, StockChanges stock, int reservationMinutes) {
    this.pool = pool;
    this.stock = stock;
    this.reservationMinutes = reservationMinutes;
  }

  Future<Reply> checkout(long userId, String key, Buffer rawBody, JsonObject address) {
    Buffer hash = IdempotencyKeys.hash(rawBody);
    return Retry.transaction(() -> {
      StockChanges.Batch batch = stock.batch();
      return pool.withTransaction(tx -> IdempotencyKeys.claim(tx, userId, key, hash).compose(claimed -> claimed
              ? place(tx, batch, userId, key, address)
              : IdempotencyKeys.replay(tx, userId, key, hash)))
          .compose(reply -> reply.replayed() ? Future.succeededFuture(reply) : batch.published().map(reply));
    });
  }

  /**
   * Everything but the stock first, so the product rows are locked only for the last few statements
   * of the transaction: buyers of one popular product queue on its row for as short as possible.
   */
  private Future<Reply> place(SqlConnection tx, StockChanges.Batch batch, long userId, String key,
      JsonObject address) {
    return CartRepository.lockedLines(tx, userId).compose(lines -> {
      if (lines.isEmpty()) {
        return Future.failedFuture(new ProblemException(409, "cart-empty", "Cart empty", "Add items before checking out."));
      }
      for (CartLine l : lines) {
        if (!l.available()) return Future.failedFuture(unavailable(l.productId()));
      }
      if (lines.stream().map(CartLine::currency).distinct().count() > 1) {
        return Future.failedFuture(new ProblemException(409, "mixed-currencies", "Mixed currencies",
            "One order is paid in one currency."));
      }
      SortedMap<Long, Integer> take = new TreeMap<>();
      for (CartLine l : lines) take.put(l.productId(), -l.quantity());
      return create(tx, userId, address, lines)
          .compose(reply -> IdempotencyKeys.store(tx, userId, key, reply.status(), reply.body()).map(reply))
          .compose(reply -> batch.adjust(tx, take).compose(shortOf -> shortOf != null
              ? Future.failedFuture(outOfStock(shortOf))
              : changedSinceRead(tx, lines).compose(changed -> changed != null
                  ? Future.failedFuture(changed)
                  : batch.record(tx).map(reply))));
    });
  }

  /**
   * Read once this transaction holds the product rows: a withdrawal or a new price committed since
   * the cart was read is seen here and refuses the order (the transaction rolls back); one not yet
   * committed waits for this order, which then stands at the price it was placed at.
   */
  private static Future<ProblemException> changedSinceRead(SqlConnection tx, List<CartLine> lines) {
    Map<Long, CartLine> ordered = new HashMap<>();
    for (CartLine l : lines) ordered.put(l.productId(), l);
    return tx.preparedQuery(LOCKED_PRODUCTS).execute(Tuple.of((Object) ordered.keySet().toArray(new Long[0])))
        .map(rows -> {
          for (Row r : rows) if (!r.getBoolean("active")) return unavailable(r.getLong("id"));
          for (Row r : rows) {
            CartLine line = ordered.get(r.getLong("id"));
            if (r.getInteger("price_cents") != line.unitPriceCents() || !r.getString("currency").equals(line.currency())) {
              return repriced(line.productId());
            }
          }
          return null;
        });
  }

  private Future<Reply> create(SqlConnection tx, long userId, JsonObject address, List<CartLine> lines) {
    return OrderRepository.insert(tx, userId, lines.get(0).currency(), CartLine.totalCents(lines), address,
            paymentReference(), reservationMinutes)
        .compose(orderId -> OrderRepository.insertItems(tx, orderId, lines)
            .compose(v -> CartRepository.clear(tx, userId))
            .compose(v -> Events.orderStatus(tx, userId, orderId, "awaiting_payment"))
            .compose(v -> OrderRepository.byId(tx, orderId)))
        .map(row -> new Reply(201, OrderJson.of(row).toBuffer(), false));
  }

  private static ProblemException outOfStock(long productId) {
    return new ProblemException(409, "out-of-stock", "Out of stock",
        "Not enough stock of product " + productId + " for this cart.");
  }

  private static ProblemException repriced(long productId) {
    return new ProblemException(409, "price-changed", "Price changed",
        "The price of product " + productId + " changed while the order was placed; review the cart and check out again.");
  }

  private static ProblemException unavailable(long productId) {
    return new ProblemException(409, "product-unavailable", "Product unavailable",
        "Product " + productId + " is no longer on sale; remove it from the cart.");
  }

  /** The id the payment provider's events carry as data.object.id. */
  private static String paymentReference() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "pi_" + HexFormat.of().formatHex(bytes);
  }
}
