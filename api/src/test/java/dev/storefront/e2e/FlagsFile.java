package dev.storefront.e2e;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/** The FLAGS_FILE the test instance reads: rewritten whole (write then rename, as an operator's deploy would). */
final class FlagsFile {
  final Path path;
  private final Map<String, Boolean> flags = new TreeMap<>(Map.of("liveStockBanner", true, "pointsBadge", true));

  FlagsFile(Path dir) {
    this.path = dir.resolve("flags.json");
    write();
  }

  synchronized void set(String flag, boolean on) {
    flags.put(flag, on);
    write();
  }

  private void write() {
    JsonObject doc = new JsonObject();
    flags.forEach((name, on) -> doc.put(name, new JsonObject().put("enabled", on)));
    try {
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(tmp, new JsonObject().put("flags", doc).encodePrettily());
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
