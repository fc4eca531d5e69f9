package dev.storefront.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.config.AppConfig;
import dev.storefront.storage.S3Storage;
import dev.storefront.support.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaMigrationTest {
  @TempDir
  Path root;

  @Test
  void aSecondRunUploadsNothingAndAnInterruptedRunIsFinished() throws Exception {
    AppConfig config = AppConfig.from(S3Server.environment());
    String run = "migrated-" + System.nanoTime();
    Path dir = Files.createDirectories(root.resolve(run).resolve("products"));
    Files.write(dir.resolve("a.png"), MediaUploadTest.PNG);
    byte[] other = Arrays.copyOf(MediaUploadTest.PNG, MediaUploadTest.PNG.length + 1);
    Files.write(dir.resolve("b.png"), other);
    Files.writeString(dir.resolve("notes.txt"), "not an image", StandardCharsets.UTF_8);

    try (S3Storage storage = new S3Storage(config.s3())) {
      MediaMigration migration = new MediaMigration(storage, config.media().bucket(), 2);
      // An earlier run that stopped after one file.
      storage.put(config.media().bucket(), run + "/products/a.png", MediaUploadTest.PNG, "image/png",
          MediaKeys.CACHE_CONTROL, MediaKeys.sha256(MediaUploadTest.PNG));
      Files.write(dir.resolve("c.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3});

      MediaMigration.Summary first = migration.run(root);
      assertThat(first).isEqualTo(new MediaMigration.Summary(4, 2, 1, 1));
      assertThat(storage.sha256(config.media().bucket(), run + "/products/b.png")).isEqualTo(MediaKeys.sha256(other));

      MediaMigration.Summary second = migration.run(root);
      assertThat(second.uploaded()).isZero();
      assertThat(second).isEqualTo(new MediaMigration.Summary(4, 0, 3, 1));

      // A changed file under the same name is copied again.
      Files.write(dir.resolve("a.png"), other);
      assertThat(migration.run(root).uploaded()).isEqualTo(1);
    }
  }
}
