package dev.storefront.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's browser: a fresh context (no cookies, storage or service worker from other tests), a
 * video of each of its pages, a numbered screenshot per step and the pages' console, all under
 * {@code target/e2e/<test>/}.
 */
final class Session implements AutoCloseable {
  static final int WIDTH = 1280;
  static final int HEIGHT = 800;

  final Path dir;
  final BrowserContext context;
  final Page page;
  private final boolean video;
  private final List<Page> pages = new ArrayList<>();
  private int steps;

  private Session(Path dir, boolean video, BrowserContext context) {
    this.dir = dir;
    this.video = video;
    this.context = context;
    context.setDefaultTimeout(15_000);
    context.onPage(this::track);
    page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
    if (!pages.contains(page)) track(page);
  }

  /** Each page's console, uncaught errors and failed requests go to console.log beside the video. */
  private void track(Page p) {
    int n = pages.size() + 1;
    pages.add(p);
    p.onConsoleMessage(m -> log(n, m.type() + ": " + m.text()));
    p.onPageError(e -> log(n, "pageerror: " + e));
    p.onResponse(r -> {
      if (r.status() >= 400) log(n, "HTTP " + r.status() + " " + r.request().method() + " " + r.url());
    });
  }

  private synchronized void log(int pageNumber, String line) {
    try {
      Files.writeString(dir.resolve("console.log"), "[page " + pageNumber + "] " + line + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A context of the shared browser: like a private window, nothing kept after it closes. */
  static Session incognito(Browser browser, String baseUrl, Path dir, boolean video) throws IOException {
    Files.createDirectories(dir);
    Browser.NewContextOptions options = new Browser.NewContextOptions().setBaseURL(baseUrl)
        .setViewportSize(WIDTH, HEIGHT).setLocale("en-GB").setTimezoneId("UTC");
    if (video) options.setRecordVideoDir(dir).setRecordVideoSize(WIDTH, HEIGHT);
    return new Session(dir, video, browser.newContext(options));
  }

  /**
   * A browser of its own with a profile on disk: Chromium refuses to judge an incognito window
   * installable ("in-incognito"), and every context of a launched browser is one.
   */
  static Session withProfile(Playwright playwright, String baseUrl, Path dir, boolean video) throws IOException {
    Files.createDirectories(dir);
    BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions()
        .setExecutablePath(Chromium.EXECUTABLE).setHeadless(true).setArgs(Chromium.ARGS).setBaseURL(baseUrl)
        .setViewportSize(WIDTH, HEIGHT).setLocale("en-GB").setTimezoneId("UTC");
    if (video) options.setRecordVideoDir(dir).setRecordVideoSize(WIDTH, HEIGHT);
    return new Session(dir, video, playwright.chromium().launchPersistentContext(Files.createDirectories(dir.resolve("profile")), options));
  }

  /** Another tab in the same context (same storage, same service worker), with its own video. */
  Page newPage() {
    return context.newPage();
  }

  /** Goes to {@code path} (relative to the base URL) and waits until the page has rendered its data. */
  Session open(String path) {
    page.navigate(path);
    return ready();
  }

  /** Waits for the page's {@code body[data-ready=true]}. */
  Session ready() {
    page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
    return this;
  }

  Locator byTestId(String id) {
    return page.getByTestId(id);
  }

  /** A screenshot of the page as it is now: {@code NN-name.png}. */
  Path step(String name) {
    return step(page, name);
  }

  Path step(Page p, String name) {
    Path file = dir.resolve(String.format("%02d-%s.png", ++steps, name));
    p.screenshot(new Page.ScreenshotOptions().setPath(file));
    return file;
  }

  @Override
  public void close() throws IOException {
    List<Path> videos = new ArrayList<>();
    if (video) {
      for (Page p : pages) {
        if (p.video() != null) videos.add(p.video().path());
      }
    }
    context.close();
    // A video file is complete once its context is closed; named in page order.
    for (int i = 0; i < videos.size(); i++) {
      Files.move(videos.get(i), dir.resolve(i == 0 ? "video.webm" : "video-" + (i + 1) + ".webm"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    deleteTree(dir.resolve("profile"));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
