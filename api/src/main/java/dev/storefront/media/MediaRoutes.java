package dev.storefront.media;

import dev.storefront.catalog.CatalogRoutes;
import dev.storefront.catalog.ProductWriteService;
import dev.storefront.config.MediaSettings;
import dev.storefront.security.Caller;
import dev.storefront.storage.S3Storage;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * {@code POST /api/v1/admin/products/{id}/media}: one image (part {@code file}) checked by its
 * bytes, stored in S3 under its content hash, and made the product's image. The contract's
 * validator reads request bodies whole, which multipart uploads are not (the body handler streams
 * them to a temporary file), so this operation checks its own part and path parameter.
 */
public final class MediaRoutes implements Feature {
  private final Vertx vertx;
  private final S3Storage storage;
  private final MediaSettings settings;
  private final ProductWriteService writes;

  public MediaRoutes(Vertx vertx, S3Storage storage, MediaSettings settings, ProductWriteService writes) {
    this.vertx = vertx;
    this.storage = storage;
    this.settings = settings;
    this.writes = writes;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("uploadProductMedia").setDoValidation(false)
        .addHandler(Caller::requireAdmin).addHandler(this::upload);
  }

  /** The S3 client's connection pool is this feature's to release. */
  @Override
  public Future<Void> stop() {
    storage.close();
    return Future.succeededFuture();
  }

  private void upload(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    List<FileUpload> files = rc.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
    if (files.size() != 1 || rc.fileUploads().size() != 1) {
      rc.fail(ProblemException.badRequest("Send exactly one multipart part named 'file'."));
      return;
    }
    FileUpload file = files.get(0);
    if (file.size() > settings.maxBytes()) {
      rc.fail(ProblemException.of(413, "Images may be at most " + settings.maxBytes() + " bytes."));
      return;
    }
    vertx.fileSystem().readFile(file.uploadedFileName())
        .compose(buffer -> store(buffer.getBytes()))
        .compose(key -> writes.setImage(id, key))
        .onSuccess(body -> Responses.privateJson(rc, 200, body))
        .onFailure(rc::fail);
  }

  private Future<String> store(byte[] bytes) {
    ImageType type = ImageType.sniff(bytes);
    if (type == null) {
      return Future.failedFuture(
          ProblemException.of(415, "Only JPEG, PNG and WebP images are accepted (recognised by their content)."));
    }
    // Hashing a few MB and the S3 round trips both stay off the event loop.
    return vertx.executeBlocking(() -> {
      String sha256 = MediaKeys.sha256(bytes);
      String key = MediaKeys.forImage(sha256, type);
      if (!sha256.equals(storage.sha256(settings.bucket(), key))) {
        storage.put(settings.bucket(), key, bytes, type.contentType, MediaKeys.CACHE_CONTROL, sha256);
      }
      return key;
    }, false);
  }
}
