package dev.storefront.media;

import dev.storefront.storage.S3Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Copies a local media directory into the media bucket, each file under its path relative to the
 * directory (so the keys products already point at keep working behind {@code MEDIA_BASE_URL}).
 * Idempotent and resumable: an object already there with the same SHA-256 is skipped, so a run
 * that stopped half-way is finished by running it again. Files that are not JPEG, PNG or WebP
 * (by content) are left out and counted.
 */
public final class MediaMigration {
  private final S3Storage storage;
  private final String bucket;
  private final int threads;

  public MediaMigration(S3Storage storage, String bucket, int threads) {
    this.storage = storage;
    this.bucket = bucket;
    this.threads = threads;
  }

  /** What a run did. */
  public record Summary(int scanned, int uploaded, int skipped, int rejected) {
    @Override
    public String toString() {
      return scanned + " files: " + uploaded + " uploaded, " + skipped + " already present, " + rejected
          + " not JPEG/PNG/WebP (left out)";
    }
  }

  public Summary run(Path root) throws IOException, InterruptedException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    AtomicInteger uploaded = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Path file : files) {
        done.add(pool.submit(() -> {
          switch (copy(root, file)) {
            case UPLOADED -> uploaded.incrementAndGet();
            case SKIPPED -> skipped.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("copying media failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(files.size(), uploaded.get(), skipped.get(), rejected.get());
  }

  private enum Outcome { UPLOADED, SKIPPED, REJECTED }

  private Outcome copy(Path root, Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      ImageType type = ImageType.sniff(bytes);
      if (type == null) return Outcome.REJECTED;
      String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      String sha256 = MediaKeys.sha256(bytes);
      if (sha256.equals(storage.sha256(bucket, key))) return Outcome.SKIPPED;
      storage.put(bucket, key, bytes, type.contentType, MediaKeys.CACHE_CONTROL, sha256);
      return Outcome.UPLOADED;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
