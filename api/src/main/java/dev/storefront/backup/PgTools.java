package dev.storefront.backup;

import dev.storefront.config.AppConfig;
import dev.storefront.config.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pg_dump} and {@code pg_restore} of the server's own major version. A dump made by an older
 * client than the server fails or loses objects, so the tools are taken from
 * {@code /usr/lib/postgresql/<major>/bin} (what {@code postgresql-client-<major>} installs; the
 * image carries it), or {@code PG_BIN_DIR}, and their reported version is checked, never a
 * random {@code pg_dump} on the PATH.
 */
final class PgTools {
  private final Path binDir;
  private final DatabaseUrl database;

  private PgTools(Path binDir, DatabaseUrl database) {
    this.binDir = binDir;
    this.database = database;
  }

  static PgTools forServer(AppConfig config, Connection c) throws SQLException, IOException, InterruptedException {
    int major = serverMajor(c);
    Path dir = Path.of(config.backup().pgBinDir() != null ? config.backup().pgBinDir()
        : "/usr/lib/postgresql/" + major + "/bin");
    for (String tool : List.of("pg_dump", "pg_restore")) {
      Path exe = dir.resolve(tool);
      if (!Files.isExecutable(exe)) {
        throw new IllegalStateException(exe + " not found: install postgresql-client-" + major
            + " (the server is PostgreSQL " + major + ") or set PG_BIN_DIR");
      }
      String version = run(List.of(exe.toString(), "--version")).trim();
      // "pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
      String number = version.replaceFirst("^.*\\) ", "");
      if (!number.startsWith(major + ".")) {
        throw new IllegalStateException(exe + " is '" + version + "' but the server is PostgreSQL " + major);
      }
    }
    return new PgTools(dir, config.database());
  }

  static int serverMajor(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1)) / 10_000;
    }
  }

  /** {@code pg_dump -Fc} of one schema inside an exported snapshot, to stdout. */
  ProcessBuilder dump(String schema, String snapshot) {
    List<String> args = new ArrayList<>(List.of(binDir.resolve("pg_dump").toString(), "--format=custom",
        "--schema=" + schema, "--snapshot=" + snapshot, "--no-owner", "--no-privileges"));
    args.addAll(connection(database.database()));
    return withPassword(new ProcessBuilder(args));
  }

  /** {@code pg_restore --exit-on-error --single-transaction} of a dump file into {@code targetDatabase}. */
  ProcessBuilder restore(String targetDatabase, Path dump) {
    List<String> args = new ArrayList<>(List.of(binDir.resolve("pg_restore").toString(), "--exit-on-error",
        "--single-transaction", "--no-owner", "--no-privileges"));
    args.addAll(connection(targetDatabase));
    args.add(dump.toString());
    return withPassword(new ProcessBuilder(args));
  }

  private List<String> connection(String db) {
    return List.of("--host=" + database.host(), "--port=" + database.port(), "--username=" + database.user(),
        "--dbname=" + db, "--no-password");
  }

  /** The password goes through the environment, never the command line (visible in ps). */
  private ProcessBuilder withPassword(ProcessBuilder pb) {
    if (!database.password().isEmpty()) pb.environment().put("PGPASSWORD", database.password());
    pb.environment().put("PGAPPNAME", "storefront-backup");
    return pb;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    return out;
  }
}
