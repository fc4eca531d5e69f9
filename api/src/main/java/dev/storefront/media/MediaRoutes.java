package dev.storefront.media;

import dev.storefront.catalog.CatalogRoutes;
import dev.storefront.catalog.ProductWriteService;
import dev.storefront.config.MediaSettings;
import dev.storefront.security.Caller;
import dev.storefront.storage.S3Storage;
import dev.storefront.web.DeferredBody;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/products/{id}/media}: one image (part {@code file}) checked by its
 * bytes, stored in S3 under its content hash, and made the product's image. The body is read here,
 * only once the caller is known to be an admin ({@link DeferredBody}). The contract's validator
 * reads request bodies whole, which multipart uploads are not (the body handler streams them to a
 * temporary file), so this operation checks its own part and path parameter.
 *
 * <p>Nothing is half-written: the product is looked up before anything is stored, and an object
 * this request wrote is removed again when the product could not be pointed at it (unless some
 * product uses it after all: the write may have committed before the failure).
 */
public final class MediaRoutes implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(MediaRoutes.class);
  /** Multipart headers and boundaries around the file part. */
  static final int MULTIPART_OVERHEAD_BYTES = 16 * 1024;
  private static final String ONE_PART = "Send exactly one multipart part named 'file'.";
  private static final String MULTIPART = "multipart/form-data";
  private final Vertx vertx;
  private final S3Storage storage;
  private final MediaSettings settings;
  private final ProductWriteService writes;
  private final ImageStore images;
  private final BodyHandler body;

  public MediaRoutes(Vertx vertx, S3Storage storage, MediaSettings settings, ProductWriteService writes) {
    this.vertx = vertx;
    this.storage = storage;
    this.settings = settings;
    this.writes = writes;
    this.images = new ImageStore(vertx, storage, settings.bucket());
    this.body = BodyHandler.create(System.getProperty("java.io.tmpdir") + "/storefront-uploads")
        .setBodyLimit(settings.maxBytes() + MULTIPART_OVERHEAD_BYTES).setDeleteUploadedFilesOnEnd(true);
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("uploadProductMedia").setDoValidation(false)
        .addHandler(Caller::requireAdmin).addHandler(MediaRoutes::requireMultipart)
        .addHandler(DeferredBody.reader(body)).addHandler(this::upload);
  }

  /** The S3 client's connection pool is this feature's to release. */
  @Override
  public Future<Void> stop() {
    storage.close();
    return Future.succeededFuture();
  }

  /** Anything but a multipart form is a 415, as for every other operation, before its body is read. */
  private static void requireMultipart(RoutingContext rc) {
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length())) {
      rc.next();
    } else {
      rc.response().putHeader("Accept-Post", MULTIPART);
      rc.fail(ProblemException.of(415, "Send the image as " + MULTIPART + " with one part named 'file'."));
    }
  }

  private void upload(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    List<FileUpload> files = rc.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
    if (files.size() != 1 || rc.fileUploads().size() != 1) {
      rc.fail(ProblemException.badRequest(ONE_PART));
      return;
    }
    FileUpload file = files.get(0);
    if (file.size() > settings.maxBytes()) {
      rc.fail(ProblemException.of(413, "Images may be at most " + settings.maxBytes() + " bytes."));
      return;
    }
    writes.requireProduct(id)
        .compose(v -> vertx.fileSystem().readFile(file.uploadedFileName()))
        .compose(buffer -> images.put(buffer.getBytes()))
        .compose(stored -> writes.setImage(id, stored.key()).recover(e -> undo(id, stored, e)))
        .onSuccess(product -> Responses.privateJson(rc, 200, product))
        .onFailure(rc::fail);
  }

  /** Removes the object this request wrote if no product uses it, then fails with the original failure. */
  private Future<Buffer> undo(long id, ImageStore.Stored stored, Throwable failure) {
    if (!stored.created()) return Future.failedFuture(failure);
    return writes.imageInUse(stored.key())
        .compose(used -> used ? Future.<Void>succeededFuture() : images.remove(stored.key()))
        .transform(removed -> {
          if (removed.failed()) {
            LOG.warn("{} was stored for product {}, which could not be pointed at it; it stays in the bucket unused: {}",
                stored.key(), id, removed.cause().toString());
          }
          return Future.failedFuture(failure);
        });
  }
}
