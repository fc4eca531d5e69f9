package dev.storefront.backup;

import dev.storefront.storage.S3Storage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where backups live: {@code backups/YYYY/MM/DD/<name>-<timestamp>.dump}, its manifest beside it
 * ({@code .dump.manifest.json}). {@code <name>} is the database (and the schema when it is not
 * {@code public}), so several databases can share a bucket without their retention touching
 * each other's dumps.
 */
final class BackupKeys {
  static final String PREFIX = "backups/";
  static final String MANIFEST_SUFFIX = ".manifest.json";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final S3Storage storage;
  private final String bucket;
  private final String name;

  BackupKeys(S3Storage storage, String bucket, String database, String schema) {
    this.storage = storage;
    this.bucket = bucket;
    this.name = "public".equals(schema) ? database : database + "." + schema;
  }

  String dumpKey(Instant at) {
    return PREFIX + DAY.format(at) + "/" + name + "-" + STAMP.format(at) + ".dump";
  }

  static String manifestKey(String dumpKey) {
    return dumpKey + MANIFEST_SUFFIX;
  }

  /** This database's dumps, newest first (the timestamp in the name orders them). */
  List<String> dumps() {
    List<String> keys = new ArrayList<>();
    for (S3Object o : storage.client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents()) {
      String key = o.key();
      String file = key.substring(key.lastIndexOf('/') + 1);
      if (file.endsWith(".dump") && file.startsWith(name + "-")
          && file.substring(name.length() + 1).matches("\\d{8}T\\d{6}\\.\\d{3}Z\\.dump")) {
        keys.add(key);
      }
    }
    keys.sort(Comparator.comparing((String k) -> k.substring(k.lastIndexOf('-') + 1)).reversed());
    return keys;
  }

  /** Deletes all but the newest {@code keep} dumps (and their manifests); returns the keys deleted. */
  List<String> prune(int keep) {
    List<String> dumps = dumps();
    List<String> deleted = new ArrayList<>();
    for (String key : dumps.subList(Math.min(keep, dumps.size()), dumps.size())) {
      storage.client().deleteObject(b -> b.bucket(bucket).key(manifestKey(key)));
      storage.client().deleteObject(b -> b.bucket(bucket).key(key));
      deleted.add(key);
    }
    return deleted;
  }
}
