package dev.storefront.cli;

import dev.storefront.backup.RestoreDrill;
import dev.storefront.config.AppConfig;
import dev.storefront.storage.S3Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore-drill",
    description = "Restore the newest backup into a fresh database, verify it against its manifest, report the time.")
public final class RestoreDrillCommand implements Callable<Integer> {
  @Option(names = "--keep", description = "Keep the restored database (default: drop it after the checks).")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.fromEnvironment();
    try (S3Storage storage = new S3Storage(config.s3())) {
      RestoreDrill.Report r = new RestoreDrill(config, storage).run(keep);
      System.out.printf("restore drill of s3://%s/%s (%d bytes) into %s%s%n", config.backup().bucket(), r.key(),
          r.bytes(), r.database(), keep ? " (kept)" : " (dropped)");
      System.out.printf("download + SHA-256 %.1f s, restore %.1f s, verify %.1f s; elapsed %.1f s%n",
          r.downloadMs() / 1000.0, r.restoreMs() / 1000.0, r.verifyMs() / 1000.0, r.totalMs() / 1000.0);
      r.failures().forEach(f -> System.out.println("FAILED: " + f));
      System.out.println(r.passed() ? "PASSED" : "FAILED (" + r.failures().size() + " problem(s))");
      return r.passed() ? 0 : 1;
    }
  }
}
