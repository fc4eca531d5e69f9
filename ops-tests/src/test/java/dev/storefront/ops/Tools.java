package dev.storefront.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line tools the ops tests drive (kubectl, promtool, amtool), run to completion. */
final class Tools {
  /** The repository root (tests run in ops-tests/). */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  record Result(int exitCode, String output) {}

  private Tools() {}

  static Result run(Path dir, String... command) {
    try {
      Path out = Files.createTempFile("ops-tool", ".out");
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.delete(out);
      return new Result(p.exitValue(), text);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + List.of(command) + " (installed by .ci/run): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs the command and fails the test with its output unless it exits 0. */
  static String ok(Path dir, String... command) {
    Result r = run(dir, command);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }
}
