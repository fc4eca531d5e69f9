package dev.storefront.backup;

import dev.storefront.config.AppConfig;
import dev.storefront.db.SqlFiles;
import dev.storefront.media.MediaKeys;
import dev.storefront.storage.S3Storage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One backup: {@code pg_dump -Fc} of the schema, streamed to S3 as a multipart upload at a dated
 * key, with a manifest beside it (SHA-256, size, per-table row counts and checksums, all taken in
 * the dump's own snapshot), then the oldest dumps past {@code BACKUP_KEEP} deleted. Every run is
 * recorded in {@code backup_runs}, whose newest success every API pod exports as a gauge.
 */
public final class BackupJob {
  private static final String STARTED = SqlFiles.load("backup/run-started.sql");
  private static final String FINISHED = SqlFiles.load("backup/run-finished.sql");

  private final AppConfig config;
  private final S3Storage storage;
  private final Clock clock;

  public BackupJob(AppConfig config, S3Storage storage, Clock clock) {
    this.config = config;
    this.storage = storage;
    this.clock = clock;
  }

  /** What a successful run wrote. */
  public record Result(String key, String sha256, long bytes, int tables, List<String> pruned, long millis) {}

  public Result run() throws Exception {
    long started = System.nanoTime();
    var db = config.database();
    String schema = config.databaseSchema();
    String bucket = config.backup().bucket();
    BackupKeys keys = new BackupKeys(storage, bucket, db.database(), schema);
    Instant now = clock.instant();
    String key = keys.dumpKey(now);
    try (Connection record = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Connection snapshot = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      record.setSchema(schema);
      long runId = started(record, bucket, key);
      try {
        PgTools tools = PgTools.forServer(config, record);
        snapshot.setAutoCommit(false);
        snapshot.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        String snapshotId;
        try (ResultSet rs = snapshot.createStatement().executeQuery("SELECT pg_export_snapshot()")) {
          rs.next();
          snapshotId = rs.getString(1);
        }
        // The dump and the manifest read the same snapshot: the manifest describes the dump exactly,
        // however many checkouts commit meanwhile.
        DumpUpload.Uploaded dump = new DumpUpload(storage, bucket, key).run(tools.dump(schema, snapshotId));
        JsonObject tables = TableManifest.of(snapshot, schema);
        snapshot.rollback();
        JsonObject manifest = new JsonObject()
            .put("key", key).put("database", db.database()).put("schema", schema)
            .put("createdAt", now.toString()).put("serverMajor", PgTools.serverMajor(record))
            .put("sha256", dump.sha256()).put("bytes", dump.bytes()).put("tables", tables);
        byte[] manifestBytes = manifest.encodePrettily().getBytes(StandardCharsets.UTF_8);
        storage.put(bucket, BackupKeys.manifestKey(key), manifestBytes, "application/json", null,
            MediaKeys.sha256(manifestBytes));
        finished(record, runId, true, dump.sha256(), dump.bytes(), null);
        List<String> pruned = keys.prune(config.backup().keep());
        return new Result(key, dump.sha256(), dump.bytes(), tables.size(), pruned,
            (System.nanoTime() - started) / 1_000_000);
      } catch (Exception e) {
        finished(record, runId, false, null, null, String.valueOf(e.getMessage()));
        throw e;
      }
    }
  }

  private static long started(Connection c, String bucket, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STARTED)) {
      ps.setString(1, bucket);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new SQLException("cannot record the run in backup_runs (run `migrate` first?): " + e.getMessage(), e);
    }
  }

  private static void finished(Connection c, long id, boolean ok, String sha256, Long bytes, String error)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FINISHED)) {
      ps.setBoolean(1, ok);
      ps.setString(2, sha256);
      if (bytes == null) ps.setNull(3, java.sql.Types.BIGINT); else ps.setLong(3, bytes);
      ps.setString(4, error);
      ps.setLong(5, id);
      ps.executeUpdate();
    }
  }
}
