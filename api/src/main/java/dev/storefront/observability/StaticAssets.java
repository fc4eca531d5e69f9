package dev.storefront.observability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/** The contract and the docs page files, read once at start (they are small and never change). */
public final class StaticAssets {
  private static final String REDOC = "redoc.standalone.js";
  private final Buffer contract;
  private final Buffer docsPage;
  private final Map<String, Buffer> docsAssets;

  private StaticAssets(Buffer contract, Buffer docsPage, Map<String, Buffer> docsAssets) {
    this.contract = contract;
    this.docsPage = docsPage;
    this.docsAssets = docsAssets;
  }

  public static Future<StaticAssets> load(Vertx vertx) {
    var fs = vertx.fileSystem();
    Future<Buffer> contract = fs.readFile("openapi.yaml");
    Future<Buffer> page = fs.readFile("webroot/docs/index.html");
    Future<Buffer> redoc = fs.readFile("webroot/docs/" + REDOC);
    return Future.all(contract, page, redoc)
        .map(all -> new StaticAssets(contract.result(), page.result(), Map.of(REDOC, redoc.result())));
  }

  public Buffer contract() {
    return contract;
  }

  public Buffer docsPage() {
    return docsPage;
  }

  public Buffer docsAsset(String name) {
    return docsAssets.get(name);
  }
}
