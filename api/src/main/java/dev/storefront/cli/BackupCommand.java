package dev.storefront.cli;

import dev.storefront.backup.BackupJob;
import dev.storefront.config.AppConfig;
import dev.storefront.storage.S3Storage;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "backup",
    description = "pg_dump the database to BACKUP_BUCKET with a manifest, then keep the newest BACKUP_KEEP dumps.")
public final class BackupCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.fromEnvironment();
    try (S3Storage storage = new S3Storage(config.s3())) {
      BackupJob.Result r = new BackupJob(config, storage, Clock.systemUTC()).run();
      System.out.printf("backup s3://%s/%s: %d bytes, sha256 %s, %d tables, %.1f s; pruned %d old dump(s)%n",
          config.backup().bucket(), r.key(), r.bytes(), r.sha256(), r.tables(), r.millis() / 1000.0, r.pruned().size());
    }
    return 0;
  }
}
