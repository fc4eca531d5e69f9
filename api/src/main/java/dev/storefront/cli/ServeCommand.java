package dev.storefront.cli;

import dev.storefront.App;
import dev.storefront.config.AppConfig;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the HTTP API (migrates the database first unless told not to).")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--no-migrate", description = "Do not apply pending migrations at start.")
  boolean noMigrate;

  @Override
  public Integer call() throws Exception {
    // Without this an exception that escapes a thread (Netty's included) is printed as plain
    // multi-line text on stderr, outside the JSON lines a log shipper parses.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught exception on {}", thread.getName(), e));
    AppConfig config = AppConfig.fromEnvironment();
    App app;
    try {
      app = App.start(config, !noMigrate).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("did not start within 120 s");
    }
    LOG.info("Storefront API listening on port {}, management on port {} ({} event loops, database {})",
        app.port(), app.managementPort(), config.httpInstances(), config.database());
    stopOnSignal(app, config.operations().maxStopSeconds());
    return 0;
  }

  /**
   * SIGTERM and SIGINT stop the service gracefully and end the process with 0 (or 1 when the stop
   * was not clean); without a handler the JVM would report 143. Any other way out of the JVM still
   * runs the same stop from a shutdown hook.
   */
  private static void stopOnSignal(App app, long maxStopSeconds) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : List.of("TERM", "INT")) {
      Signals.on(name, () -> {
        if (!stopping.compareAndSet(false, true)) return;
        LOG.info("SIG{} received: stopping", name);
        Thread stopper = new Thread(() -> System.exit(stop(app, maxStopSeconds) ? 0 : 1), "shutdown");
        stopper.setDaemon(false);
        stopper.start();
      });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, maxStopSeconds), "shutdown-hook"));
  }

  private static boolean stop(App app, long maxStopSeconds) {
    try {
      app.close().toCompletionStage().toCompletableFuture().get(maxStopSeconds, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      LOG.warn("shutdown was not clean: {}", e.toString());
      return false;
    }
  }
}
