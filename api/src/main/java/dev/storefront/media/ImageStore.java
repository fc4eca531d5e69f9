package dev.storefront.media;

import dev.storefront.storage.S3Storage;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Product images in the media bucket, under their content hash ({@link MediaKeys}). Every S3 call
 * runs on a worker thread; any failure of the store (unreachable, timing out, answering an error)
 * is a 503 with {@code Retry-After}, since it says nothing about the image that was sent.
 */
final class ImageStore {
  /** What a client is told to wait before trying again while the store is failing. */
  static final long RETRY_AFTER_SECONDS = 5;

  /** Where an image was stored, and whether this call wrote the object (rather than finding it there). */
  record Stored(String key, boolean created) {}

  private final Vertx vertx;
  private final S3Storage storage;
  private final String bucket;

  ImageStore(Vertx vertx, S3Storage storage, String bucket) {
    this.vertx = vertx;
    this.storage = storage;
    this.bucket = bucket;
  }

  /** Stores the image unless the same bytes are already there; 415 when they are no accepted image. */
  Future<Stored> put(byte[] bytes) {
    ImageType type = ImageType.sniff(bytes);
    if (type == null) {
      return Future.failedFuture(
          ProblemException.of(415, "Only JPEG, PNG and WebP images are accepted (recognised by their content)."));
    }
    // Hashing a few MB and the S3 round trips both stay off the event loop.
    return blocking(() -> {
      String sha256 = MediaKeys.sha256(bytes);
      String key = MediaKeys.forImage(sha256, type);
      if (sha256.equals(storage.sha256(bucket, key))) return new Stored(key, false);
      storage.put(bucket, key, bytes, type.contentType, MediaKeys.CACHE_CONTROL, sha256);
      return new Stored(key, true);
    });
  }

  /** Removes an object this service wrote and no product ended up using. */
  Future<Void> remove(String key) {
    return blocking(() -> {
      storage.delete(bucket, key);
      return null;
    });
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false).recover(e -> Future.failedFuture(e instanceof SdkException
        ? ProblemException.of(503, "The media store is unavailable; retry shortly.")
            .retryAfter(RETRY_AFTER_SECONDS).causedBy(e)
        : e));
  }
}
