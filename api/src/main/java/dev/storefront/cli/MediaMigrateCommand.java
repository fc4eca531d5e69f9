package dev.storefront.cli;

import dev.storefront.config.AppConfig;
import dev.storefront.media.MediaMigration;
import dev.storefront.storage.S3Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "media-migrate",
    description = "Copy a local media directory into MEDIA_BUCKET (same relative keys); re-runs skip what is there.")
public final class MediaMigrateCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The media directory (its relative paths become the object keys).")
  Path directory;

  @Option(names = "--threads", defaultValue = "8", description = "Uploads at once (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(directory)) throw new IllegalArgumentException(directory + " is not a directory");
    if (threads < 1 || threads > 64) throw new IllegalArgumentException("--threads must be 1..64");
    AppConfig config = AppConfig.fromEnvironment();
    try (S3Storage storage = new S3Storage(config.s3())) {
      MediaMigration.Summary summary = new MediaMigration(storage, config.media().bucket(), threads).run(directory);
      System.out.println("media-migrate to " + config.media().bucket() + ": " + summary);
    }
    return 0;
  }
}
