package dev.storefront.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Video;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's browser: a fresh context (no cookies, storage or service worker from other tests) on
 * the shared Chromium, a video of each of its pages and a numbered screenshot per step, all under
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

  Session(Browser browser, String baseUrl, Path dir, boolean video) throws IOException {
    this.dir = dir;
    this.video = video;
    Files.createDirectories(dir);
    Browser.NewContextOptions options = new Browser.NewContextOptions().setBaseURL(baseUrl)
        .setViewportSize(WIDTH, HEIGHT).setLocale("en-GB").setTimezoneId("UTC");
    if (video) options.setRecordVideoDir(dir).setRecordVideoSize(WIDTH, HEIGHT);
    context = browser.newContext(options);
    context.setDefaultTimeout(15_000);
    context.onPage(pages::add);
    page = context.newPage();
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
    List<Video> videos = new ArrayList<>();
    if (video) pages.forEach(p -> videos.add(p.video()));
    context.close();
    // Videos are complete once the context is closed; named in page order.
    for (int i = 0; i < videos.size(); i++) {
      Video v = videos.get(i);
      if (v == null) continue;
      v.saveAs(dir.resolve(i == 0 ? "video.webm" : "video-" + (i + 1) + ".webm"));
      v.delete();
    }
  }
}
