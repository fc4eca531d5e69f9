package dev.storefront.backup;

import dev.storefront.storage.S3Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A dump process's output streamed to S3 as a multipart upload, 8 MiB a part, hashed on the way:
 * the dump never touches local disk and memory stays at one part. Any failure (the process exits
 * non-zero, an upload fails) aborts the upload, so no partial dump is ever left under the key.
 */
final class DumpUpload {
  static final int PART_BYTES = 8 * 1024 * 1024;
  private static final long DUMP_TIMEOUT_HOURS = 6;

  private final S3Storage storage;
  private final String bucket;
  private final String key;

  DumpUpload(S3Storage storage, String bucket, String key) {
    this.storage = storage;
    this.bucket = bucket;
    this.key = key;
  }

  record Uploaded(String sha256, long bytes) {}

  Uploaded run(ProcessBuilder dump) throws Exception {
    Process process = dump.start();
    process.getOutputStream().close();
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    String uploadId = storage.client().createMultipartUpload(storage.multipart(bucket, key,
        "application/octet-stream")).uploadId();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<CompletedPart> parts = new ArrayList<>();
      long total = 0;
      byte[] buffer = new byte[PART_BYTES];
      try (InputStream out = process.getInputStream()) {
        int filled;
        while ((filled = out.readNBytes(buffer, 0, PART_BYTES)) > 0 || parts.isEmpty()) {
          sha.update(buffer, 0, filled);
          total += filled;
          int number = parts.size() + 1;
          String etag = storage.client().uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
              .partNumber(number), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled))).eTag();
          parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
          if (filled < PART_BYTES) break;
        }
      }
      if (!process.waitFor(DUMP_TIMEOUT_HOURS, TimeUnit.HOURS)) {
        process.destroyForcibly();
        throw new IllegalStateException("pg_dump did not finish within " + DUMP_TIMEOUT_HOURS + " h");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("pg_dump exited " + process.exitValue() + ": " + stderr.get().trim());
      }
      if (total == 0) throw new IllegalStateException("pg_dump wrote nothing: " + stderr.get().trim());
      storage.client().completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      return new Uploaded(HexFormat.of().formatHex(sha.digest()), total);
    } catch (Exception e) {
      process.destroyForcibly();
      storage.client().abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }
}
