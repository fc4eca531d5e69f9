package dev.storefront.dev;

import dev.storefront.config.AppConfig;
import dev.storefront.media.MediaMigration;
import dev.storefront.storage.S3Storage;
import dev.storefront.support.ProductPictures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An image for every seeded product, at the key the product points at, in the dev run's S3 server:
 * a small JPEG in the product's own colour with its SKU, written to a scratch directory and
 * uploaded by the same {@code media-migrate} code operators use.
 */
final class DevMedia {
  private DevMedia() {}

  static MediaMigration.Summary load(AppConfig config) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path dir = Files.createTempDirectory("storefront-dev-media-");
    try {
      var db = config.database();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           ResultSet rs = c.createStatement().executeQuery("SELECT id, sku, image_key FROM "
               + config.databaseSchema() + ".products ORDER BY id")) {
        while (rs.next()) draw(dir.resolve(rs.getString(3)), rs.getLong(1), rs.getString(2));
      }
      try (S3Storage storage = new S3Storage(config.s3())) {
        return new MediaMigration(storage, config.media().bucket(), 16).run(dir);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void draw(Path file, long id, String sku) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, ProductPictures.jpeg(id, sku));
  }
}
