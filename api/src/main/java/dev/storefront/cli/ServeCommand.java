package dev.storefront.cli;

import dev.storefront.App;
import dev.storefront.config.AppConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
    AppConfig config = AppConfig.fromEnvironment();
    App app;
    try {
      app = App.start(config, !noMigrate).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    LOG.info("Storefront API listening on port {} ({} event loops, database {})", app.port(),
        config.httpInstances(), config.database());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown was not clean: {}", e.toString());
      }
    }, "shutdown"));
    return 0;
  }
}
