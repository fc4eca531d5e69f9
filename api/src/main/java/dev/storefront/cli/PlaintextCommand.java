package dev.storefront.cli;

import dev.storefront.bench.PlaintextVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plaintext", description = "A bare Vert.x route answering 'Hello, World!': the benchmark baseline.")
public final class PlaintextCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8081")
  int port;

  @Option(names = "--instances", description = "Event loops (default: one per core).")
  Integer instances;

  @Override
  public Integer call() throws Exception {
    int n = instances != null ? instances : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new PlaintextVerticle(port), new DeploymentOptions().setInstances(n))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("plaintext baseline on port " + port + " with " + n + " event loops");
    return 0;
  }
}
