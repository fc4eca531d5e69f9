package dev.storefront.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load from a few threads: mostly catalog reads (served from cache), plus signed-in
 * reads of orders and the cart, which need PostgreSQL, so a database outage shows as 5xx while the
 * cached catalog keeps answering. Paced so it leaves the shared cores to the API.
 */
final class Load implements AutoCloseable {
  private final Http api;
  private final String token;
  private final int products;
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private final Thread[] threads;

  Load(Http api, String token, int products, int threads) {
    this.api = api;
    this.token = token;
    this.products = products;
    this.threads = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      this.threads[i] = new Thread(this::run, "load-" + i);
      this.threads[i].setDaemon(true);
      this.threads[i].start();
    }
  }

  private void run() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      int roll = random.nextInt(100);
      String path;
      String auth = null;
      if (roll < 55) path = "/api/v1/products/" + (1 + random.nextInt(products));
      else if (roll < 75) path = "/api/v1/products?page=" + (1 + random.nextInt(3)) + "&sort=price_asc";
      else if (roll < 80) path = "/api/v1/categories";
      else if (roll < 90) {
        path = "/api/v1/orders";
        auth = token;
      } else {
        path = "/api/v1/cart";
        auth = token;
      }
      int status = api.get(path, auth).status();
      statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Map<Integer, Long> statuses() {
    Map<Integer, Long> copy = new TreeMap<>();
    statuses.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) t.join(15_000);
  }
}
