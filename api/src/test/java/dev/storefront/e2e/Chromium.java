package dev.storefront.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's Chromium (Debian's package) driven by Playwright, which downloads no browser of its
 * own. Playwright records video with an ffmpeg it expects in its browsers folder, so that folder
 * (under target/) gets a link to the machine's ffmpeg.
 */
final class Chromium {
  static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("E2E_CHROMIUM", "/usr/bin/chromium"));
  static final Path FFMPEG = Path.of(System.getenv().getOrDefault("E2E_FFMPEG", "/usr/bin/ffmpeg"));
  static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking");
  static final String HOW_TO_RUN = "install them with `apt-get install chromium ffmpeg`, then run `mvn -B verify`";

  private Chromium() {}

  /** Why the suite cannot run here, or null when it can. */
  static String unavailable() {
    if (!Files.isExecutable(EXECUTABLE)) {
      return "End-to-end browser tests SKIPPED: no Chromium at " + EXECUTABLE + ". To run them, " + HOW_TO_RUN + ".";
    }
    return null;
  }

  /** Null when videos can be recorded, else why not (the tests still run, without video). */
  static String noVideo() {
    return Files.isExecutable(FFMPEG) ? null
        : "End-to-end videos OFF: no ffmpeg at " + FFMPEG + " (" + HOW_TO_RUN + ").";
  }

  static Playwright playwright(Path browsersPath) throws IOException {
    if (noVideo() == null) linkFfmpeg(browsersPath);
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
        "PLAYWRIGHT_BROWSERS_PATH", browsersPath.toAbsolutePath().toString())));
  }

  static Browser launch(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS).setTimeout(60_000));
  }

  /** {@code <browsers>/ffmpeg-<revision>/ffmpeg-linux} -> the machine's ffmpeg, the revision read from the driver. */
  private static void linkFfmpeg(Path browsersPath) throws IOException {
    Path link = browsersPath.resolve("ffmpeg-" + ffmpegRevision()).resolve("ffmpeg-linux");
    if (Files.isSymbolicLink(link) || Files.exists(link)) return;
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, FFMPEG.toAbsolutePath());
  }

  private static String ffmpegRevision() throws IOException {
    try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream("driver/package/browsers.json")) {
      if (in == null) throw new IOException("the Playwright driver has no browsers.json");
      JsonArray browsers = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("browsers");
      for (Object b : browsers) {
        JsonObject browser = (JsonObject) b;
        if ("ffmpeg".equals(browser.getString("name"))) return browser.getString("revision");
      }
      throw new IOException("the Playwright driver's browsers.json names no ffmpeg");
    }
  }
}
