package dev.storefront.dev;

import dev.storefront.auth.SigningKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * What the dev run keeps between runs, in one folder outside the source tree
 * ({@code DEV_DATA_DIR}, default {@code ~/.storefront-dev}): the embedded PostgreSQL's data
 * directory, the admin password and the token signing key, so accounts, edits and sign-ins survive
 * a restart. Deleting the folder starts afresh. Redis holds only caches and counters: it starts empty.
 */
final class DevData {
  private final Path dir;

  DevData(Path dir) {
    this.dir = dir;
  }

  static DevData fromEnvironment() {
    String configured = System.getenv("DEV_DATA_DIR");
    return new DevData(configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".storefront-dev"));
  }

  static String url(EmbeddedPostgres pg) {
    return "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres";
  }

  Path dir() {
    return dir;
  }

  /** A PostgreSQL on {@code port} whose data directory lives on (initialised on the first run only). */
  EmbeddedPostgres startPostgres(int port) {
    try {
      Path data = Files.createDirectories(dir.resolve("postgres"));
      return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dir, e);
    }
  }

  String adminPassword() {
    return remembered("admin-password", () -> {
      byte[] bytes = new byte[18];
      new SecureRandom().nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    });
  }

  String signingKey() {
    return remembered("jwt-private-key.pem", SigningKeys::generatePem);
  }

  /** The value saved under {@code name}, or a new one saved there (owner-only) for next time. */
  private String remembered(String name, Supplier<String> fresh) {
    Path file = dir.resolve(name);
    try {
      if (Files.exists(file)) return Files.readString(file).strip();
      Files.createDirectories(dir);
      String value = fresh.get().strip();
      Files.writeString(file, value);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system (Windows): the folder's own permissions apply
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + name + " in " + dir, e);
    }
  }
}
