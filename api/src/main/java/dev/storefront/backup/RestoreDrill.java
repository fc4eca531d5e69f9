package dev.storefront.backup;

import dev.storefront.config.AppConfig;
import dev.storefront.storage.S3Storage;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The restore drill: the newest backup is downloaded and its SHA-256 checked against its manifest,
 * restored into a fresh database with {@code pg_restore --exit-on-error --single-transaction},
 * counted and checksummed against the manifest, checked for the invariants the service keeps
 * (points balance = ledger sum, no negative stock) and read through the service's own code. Any
 * difference is a failure. The database is dropped afterwards unless asked to keep it.
 */
public final class RestoreDrill {
  private final AppConfig config;
  private final S3Storage storage;

  public RestoreDrill(AppConfig config, S3Storage storage) {
    this.config = config;
    this.storage = storage;
  }

  /** The outcome; {@code failures} empty means the drill passed. Timings in milliseconds. */
  public record Report(String key, String database, long bytes, long downloadMs, long restoreMs, long verifyMs,
      long totalMs, List<String> failures) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  public Report run(boolean keep) throws Exception {
    long t0 = System.nanoTime();
    var db = config.database();
    String schema = config.databaseSchema();
    String bucket = config.backup().bucket();
    List<String> dumps = new BackupKeys(storage, bucket, db.database(), schema).dumps();
    if (dumps.isEmpty()) throw new IllegalStateException("no backup of " + db.database() + " in s3://" + bucket);
    String key = dumps.get(0);
    JsonObject manifest = new JsonObject(new String(storage.client().getObjectAsBytes(b -> b.bucket(bucket)
        .key(BackupKeys.manifestKey(key))).asByteArray(), StandardCharsets.UTF_8));
    List<String> failures = new ArrayList<>();
    Path file = Files.createTempFile("restore-drill-", ".dump");
    String target = ("drill_" + db.database() + "_" + System.currentTimeMillis()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
    try (Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      String sha256 = download(bucket, key, file);
      long downloaded = System.nanoTime();
      if (!sha256.equals(manifest.getString("sha256"))) {
        failures.add("SHA-256 of " + key + " is " + sha256 + ", the manifest says " + manifest.getString("sha256"));
        return report(key, target, file, t0, downloaded, downloaded, failures);
      }
      PgTools tools = PgTools.forServer(config, admin);
      admin.createStatement().execute("CREATE DATABASE " + target);
      try {
        try (Connection fresh = connect(target)) {
          // A new database has an empty public schema; the dump creates its schema itself.
          fresh.createStatement().execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
        Path log = Files.createTempFile("restore-drill-", ".log");
        Process restore = tools.restore(target, file).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = restore.waitFor(config.backup().drillTimeoutSeconds(), TimeUnit.SECONDS);
        long restored = System.nanoTime();
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        if (!ended || restore.exitValue() != 0) {
          restore.destroyForcibly();
          failures.add("pg_restore failed" + (ended ? " (exit " + restore.exitValue() + ")" : " (timed out)") + ": "
              + output.trim());
          return report(key, target, file, t0, downloaded, restored, failures);
        }
        try (Connection c = connect(target)) {
          // pg_restore leaves the planner without statistics; a kept database is served at once.
          c.createStatement().execute("ANALYZE");
          c.setAutoCommit(false);
          failures.addAll(TableManifest.differences(manifest.getJsonObject("tables"), TableManifest.of(c, schema)));
          failures.addAll(invariants(c, schema));
          c.rollback();
        }
        failures.addAll(DrillSmoke.run(config, target));
        return report(key, target, file, t0, downloaded, restored, failures);
      } finally {
        if (!keep) admin.createStatement().execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private String download(String bucket, String key, Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = storage.client().getObject(b -> b.bucket(bucket).key(key));
         var out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Rules the service keeps in every committed state, so a consistent snapshot must keep them too. */
  static List<String> invariants(Connection c, String schema) throws Exception {
    List<String> broken = new ArrayList<>();
    c.createStatement().execute("SET LOCAL search_path = \"" + schema + "\"");
    String[][] checks = {
        {"points balances that differ from their ledger sum",
            "SELECT count(*) FROM point_balances b WHERE b.points <> (SELECT COALESCE(sum(l.points), 0) "
                + "FROM points_ledger l WHERE l.user_id = b.user_id)"},
        {"products with negative stock", "SELECT count(*) FROM products WHERE stock < 0"}};
    for (String[] check : checks) {
      try (ResultSet rs = c.createStatement().executeQuery(check[1])) {
        rs.next();
        if (rs.getLong(1) != 0) broken.add(rs.getLong(1) + " " + check[0]);
      }
    }
    return broken;
  }

  private Connection connect(String database) throws Exception {
    var db = config.database();
    return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database,
        db.user(), db.password());
  }

  private static Report report(String key, String target, Path file, long t0, long downloaded, long restored,
      List<String> failures) throws Exception {
    long now = System.nanoTime();
    return new Report(key, target, Files.size(file), (downloaded - t0) / 1_000_000, (restored - downloaded) / 1_000_000,
        (now - restored) / 1_000_000, (now - t0) / 1_000_000, failures);
  }
}
