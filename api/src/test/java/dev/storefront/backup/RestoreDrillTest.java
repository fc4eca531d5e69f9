package dev.storefront.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.payment.ProviderEvent;
import dev.storefront.payment.StripeSignature;
import dev.storefront.storage.S3Storage;
import dev.storefront.support.S3Server;
import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backup to a real S3-compatible server, restore into a fresh database, verify: the drill, end to end. */
class RestoreDrillTest {
  static final String SECRET = "whsec_drill_test";
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;
  static S3Storage storage;

  @BeforeAll
  static void start() throws Exception {
    // The embedded PostgreSQL has no client tools; CI (.ci/run) uses the machine's server and its pg_dump.
    var url = dev.storefront.config.DatabaseUrl.parse("TEST_DATABASE_URL", dev.storefront.support.Infrastructure.databaseUrl());
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      int major = PgTools.serverMajor(c);
      Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of(
          "/usr/lib/postgresql/" + major + "/bin/pg_dump")), "pg_dump " + major + " is not installed");
    }
    Map<String, String> env = new HashMap<>(S3Server.environment());
    env.put("PAYMENT_WEBHOOK_SECRET", SECRET);
    env.put("BACKUP_KEEP", "2");
    t = TestApp.start("drill", env);
    // The standard data set, with orders and points beside it.
    new CatalogSeeder(t.config).seed(CatalogSeeder.STANDARD_PRODUCTS);
    shoppers = new Shoppers(t).concurrent(16);
    sql = new Sql(t.config);
    storage = new S3Storage(t.config.s3());
    for (Shopper s : shoppers.create(10)) purchase(s, 100 + s.id() % 50).await();
  }

  @AfterAll
  static void stop() throws Exception {
    if (t == null) return;
    storage.close();
    shoppers.close();
    t.close();
  }

  /** Checkout, then the signed "paid" event: stock sold and points credited. */
  static Future<Void> purchase(Shopper s, long product) {
    shoppers.putItem(s, product, 1);
    Buffer order = new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer();
    return shoppers.checkoutAsync(s, UUID.randomUUID().toString(), order).compose(r -> {
      if (r.statusCode() != 201) return Future.succeededFuture();
      JsonObject o = r.bodyAsJsonObject();
      Buffer event = ProviderEvent.build("evt_" + UUID.randomUUID(), ProviderEvent.SUCCEEDED,
          o.getJsonObject("payment").getString("reference"), o.getLong("id")).toBuffer();
      return t.client.post("/api/v1/webhooks/payments").putHeader("Content-Type", "application/json")
          .putHeader("Stripe-Signature", StripeSignature.header(SECRET, System.currentTimeMillis() / 1000, event))
          .sendBuffer(event).mapEmpty();
    });
  }

  static BackupJob.Result backup() throws Exception {
    return new BackupJob(t.config, storage, Clock.systemUTC()).run();
  }

  static RestoreDrill.Report drill(boolean keep) throws Exception {
    return new RestoreDrill(t.config, storage).run(keep);
  }

  @Test
  void aBackupRestoresIntoAFreshDatabaseThatMatchesItsManifest() throws Exception {
    long paid = sql.scalar("SELECT count(*) FROM orders WHERE status = 'paid'");
    assertThat(paid).as("orders with points are part of the data").isGreaterThan(0);
    BackupJob.Result backup = backup();
    assertThat(backup.key()).matches("backups/\\d{4}/\\d{2}/\\d{2}/test\\.t_drill_[0-9a-f]+-\\d{8}T\\d{6}\\.\\d{3}Z\\.dump");
    JsonObject manifest = new JsonObject(new String(storage.client().getObjectAsBytes(b -> b
        .bucket(S3Server.BACKUP_BUCKET).key(backup.key() + ".manifest.json")).asByteArray(), StandardCharsets.UTF_8));
    assertThat(manifest.getString("sha256")).isEqualTo(backup.sha256());
    assertThat(manifest.getLong("bytes")).isEqualTo(backup.bytes());
    assertThat(manifest.getJsonObject("tables").getJsonObject("products").getLong("rows")).isEqualTo(10_000);
    assertThat(manifest.getJsonObject("tables").getJsonObject("orders").getString("md5")).hasSize(32);
    assertThat(sql.scalar("SELECT count(*) FROM backup_runs WHERE ok AND key = ?", backup.key())).isEqualTo(1);

    RestoreDrill.Report report = drill(false);
    assertThat(report.failures()).isEmpty();
    assertThat(report.key()).isEqualTo(backup.key());
    assertThat(report.totalMs()).as("the target: under 2 minutes").isLessThan(120_000);
    assertThat(sql.scalar("SELECT count(*) FROM pg_database WHERE datname = ?", report.database())).isZero();
  }

  @Test
  void aKeptRestoreIsAnalyzedAndReadyToServe() throws Exception {
    backup();
    RestoreDrill.Report report = drill(true);
    assertThat(report.failures()).isEmpty();
    var db = t.config.database();
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/"
        + report.database(), db.user(), db.password());
         var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'products'"
             + " AND schemaname = '" + t.config.databaseSchema() + "' AND last_analyze IS NOT NULL")) {
      rs.next();
      assertThat(rs.getLong(1)).as("planner statistics for the restored products").isEqualTo(1);
    } finally {
      sql.update("DROP DATABASE IF EXISTS " + report.database() + " WITH (FORCE)");
    }
  }

  @Test
  void aDumpWithOneFlippedByteFailsTheDrill() throws Exception {
    BackupJob.Result backup = backup();
    byte[] dump = storage.client().getObjectAsBytes(b -> b.bucket(S3Server.BACKUP_BUCKET).key(backup.key()))
        .asByteArray();
    dump[dump.length / 2] ^= 0x01;
    storage.put(S3Server.BACKUP_BUCKET, backup.key(), dump, "application/octet-stream", null, "tampered");

    RestoreDrill.Report report = drill(false);
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).anyMatch(f -> f.startsWith("SHA-256 of " + backup.key()));
  }

  @Test
  void aRestoreThatDiffersFromTheManifestFailsTheDrill() throws Exception {
    BackupJob.Result backup = backup();
    String manifestKey = backup.key() + ".manifest.json";
    JsonObject manifest = new JsonObject(new String(storage.client().getObjectAsBytes(b -> b
        .bucket(S3Server.BACKUP_BUCKET).key(manifestKey)).asByteArray(), StandardCharsets.UTF_8));
    JsonObject orders = manifest.getJsonObject("tables").getJsonObject("orders");
    orders.put("rows", orders.getLong("rows") + 1);
    storage.put(S3Server.BACKUP_BUCKET, manifestKey, manifest.toBuffer().getBytes(), "application/json", null, "edited");

    RestoreDrill.Report report = drill(false);
    assertThat(report.failures()).singleElement().asString().startsWith("orders: expected");
  }

  @Test
  void aBackupTakenWhileCheckoutsRunRestoresConsistentData() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger purchases = new AtomicInteger();
    List<Shopper> buyers = shoppers.create(12);
    Thread load = new Thread(() -> {
      while (running.get()) {
        Future.all(buyers.stream().map(s -> purchase(s, 200 + purchases.incrementAndGet() % 40)
            .recover(e -> Future.succeededFuture())).toList()).await();
      }
    });
    load.start();
    BackupJob.Result backup;
    try {
      Thread.sleep(300);
      backup = backup();
      Thread.sleep(300);
    } finally {
      running.set(false);
      load.join();
    }
    assertThat(purchases.get()).as("checkouts ran during the backup").isGreaterThan(24);

    RestoreDrill.Report report = drill(true);
    try {
      assertThat(report.failures()).isEmpty();
      assertThat(report.key()).isEqualTo(backup.key());
      var db = t.config.database();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/"
          + report.database(), db.user(), db.password())) {
        c.setAutoCommit(false);
        assertThat(RestoreDrill.invariants(c, t.config.databaseSchema())).isEmpty();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM points_ledger")) {
          rs.next();
          assertThat(rs.getLong(1)).isGreaterThan(0);
        }
      }
    } finally {
      sql.update("DROP DATABASE IF EXISTS " + report.database() + " WITH (FORCE)");
    }
  }

  @Test
  void retentionKeepsTheNewestDumpsAndTheGaugeShowsTheNewestSuccess() throws Exception {
    backup();
    backup();
    BackupJob.Result newest = backup();
    var keys = new BackupKeys(storage, S3Server.BACKUP_BUCKET, t.config.database().database(), t.config.databaseSchema());
    List<String> dumps = keys.dumps();
    assertThat(dumps).hasSize(2).first().isEqualTo(newest.key());
    for (String key : dumps) assertThat(storage.sha256(S3Server.BACKUP_BUCKET, key + ".manifest.json")).isNotNull();

    long newestOk = sql.scalar("SELECT extract(epoch FROM max(finished_at))::bigint FROM backup_runs WHERE ok");
    // A pod started now reads the table at once (then every minute).
    t.withSibling(Map.of(), (app, client) -> {
      WebClient management = WebClient.create(app.vertx());
      String metrics = management.get(app.managementPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
      management.close();
      assertThat(metrics).contains(BackupFreshness.GAUGE + " " + (double) newestOk);
    });
  }
}
