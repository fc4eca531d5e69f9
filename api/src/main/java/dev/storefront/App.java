package dev.storefront;

import dev.storefront.catalog.ProductWriteService;
import dev.storefront.config.AppConfig;
import dev.storefront.config.CacheSettings;
import dev.storefront.config.ConfigException;
import dev.storefront.config.OperationsSettings;
import dev.storefront.db.Migrations;
import dev.storefront.events.EventFeed;
import dev.storefront.flags.FlagSet;
import dev.storefront.flags.FlagsParser;
import dev.storefront.flags.FlagsSource;
import dev.storefront.http.ApiRouter;
import dev.storefront.http.ContractLoader;
import dev.storefront.http.HttpVerticle;
import dev.storefront.http.HttpWarmup;
import dev.storefront.http.PublicListeners;
import dev.storefront.observability.Health;
import dev.storefront.observability.JdkLogging;
import dev.storefront.observability.ManagementServer;
import dev.storefront.observability.MetricsScrape;
import dev.storefront.observability.StaticAssets;
import dev.storefront.storefront.StorefrontSite;
import dev.storefront.stream.StreamMetrics;
import dev.storefront.web.CachedResponses;
import dev.storefront.web.Feature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.CompositeFuture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static dev.storefront.Shutdown.stage;

/**
 * Starts the service (migrate, connect, sync, feed, warm, HTTP verticles, warm-up, management port)
 * on the parts {@link Infrastructure} and {@link Services} build, and stops it in stages. Tests
 * start the service through this class too.
 */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  /** The longest the request-path warm-up may delay readiness. */
  private static final long WARMUP_DEADLINE_MS = 15_000;
  private final AppConfig config;
  private final OperationsSettings ops;
  private final Infrastructure infra;
  private final Vertx vertx;
  private final Services services;
  private final AtomicInteger port = new AtomicInteger();
  private final Health health;
  private final PublicListeners listeners;
  private volatile String httpDeployment;
  private volatile String feedDeployment;
  private volatile ManagementServer management;
  private Future<Void> closing;
  /** Started before the HTTP servers; stopped first on close. */
  private final List<Feature> features = new CopyOnWriteArrayList<>();

  private App(AppConfig config, Infrastructure infra, Services services) {
    this.config = config;
    this.ops = config.operations();
    this.infra = infra;
    this.vertx = infra.vertx();
    this.services = services;
    this.health = new Health(infra.pool(), infra.store());
    this.listeners = new PublicListeners(health::draining);
  }

  public static Future<App> start(AppConfig config, boolean migrate) {
    if (config.auth().jwtPrivateKeyPem() == null) {
      return Future.failedFuture(new ConfigException("JWT_PRIVATE_KEY", "required to serve (EC P-256 PKCS#8 PEM)"));
    }
    FlagSet flagsFallback;
    try {
      flagsFallback = FlagsSource.fromSetting(config.storefront().flagsJson());
    } catch (FlagsParser.InvalidFlags e) {
      return Future.failedFuture(new ConfigException("FLAGS", e.getMessage()));
    }
    JdkLogging.routeToSlf4j();
    Infrastructure infra = Infrastructure.create(config);
    return new App(config, infra, Services.create(infra, config, flagsFallback)).run(migrate);
  }

  private Future<App> run(boolean migrate) {
    CacheSettings cs = config.cache();
    Future<Integer> migrated = migrate
        ? vertx.executeBlocking(() -> Migrations.migrate(config), false)
        : Future.succeededFuture(0);
    return migrated
        .compose(n -> infra.connectRedis(config))
        .compose(connected -> services.catalog().startSync(vertx, cs.syncPollMs()))
        .compose(v -> vertx.deployVerticle(services.feed()).onSuccess(id -> feedDeployment = id))
        .compose(v -> Future.all(ContractLoader.load(vertx), StaticAssets.load(vertx), services.catalog().warm(cs),
            StorefrontSite.load(vertx)))
        .compose(this::deployHttp)
        .compose(deployment -> {
          httpDeployment = deployment;
          return HttpWarmup.run(vertx, port.get(), ops.warmupRequests(), WARMUP_DEADLINE_MS);
        })
        .compose(warmed -> ManagementServer.start(vertx, ops.managementPort(),
            new MetricsScrape(vertx, infra.registry(), 1_000), health)
            .recover(e -> Future.failedFuture(new StartFailure("management port " + ops.managementPort(), e))))
        .map(server -> {
          management = server;
          return this;
        })
        .recover(failure -> {
          // Failed now, not after the stop: once Vert.x has closed, no event loop is left to
          // deliver the outcome, and the caller would wait forever for a start that cannot end.
          LOG.error("start failed, stopping: {}", StartFailure.describe(failure));
          close();
          return Future.failedFuture(failure);
        });
  }

  /** Starts the features, then an HTTP verticle per configured instance. */
  private Future<String> deployHttp(CompositeFuture loaded) {
    OpenAPIContract contract = loaded.resultAt(0);
    StaticAssets assets = loaded.resultAt(1);
    CacheSettings cs = config.cache();
    CachedResponses cachedResponses = new CachedResponses(cs.httpMaxAgeSeconds(), cs.httpStaleWhileRevalidateSeconds());
    List<Feature> features = services.features(assets, loaded.resultAt(3), cachedResponses);
    ApiRouter.Parts parts = services.routerParts(contract, features, cachedResponses);
    this.features.addAll(features);
    return Future.all(features.stream().map(Feature::start).toList())
        .compose(started -> vertx.deployVerticle(() -> new HttpVerticle(parts, config.httpPort(),
            config.maxHeaderBytes(), config.http2ClearText(), port::set, listeners),
            new DeploymentOptions().setInstances(config.httpInstances())))
        .recover(e -> Future.failedFuture(new StartFailure("HTTP port " + config.httpPort(), e)));
  }

  public int port() {
    return port.get();
  }

  /** The port of metrics and probes. */
  public int managementPort() {
    return management.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public ProductWriteService productWrites() {
    return services.catalog().writes();
  }

  /** This instance's reader of the event outbox. */
  public EventFeed eventFeed() {
    return services.feed();
  }

  public StreamMetrics streamMetrics() {
    return services.streamMetrics();
  }

  public PrometheusMeterRegistry registry() {
    return infra.registry();
  }

  /**
   * Graceful stop: readiness fails at once, the listeners keep serving for the drain period (so
   * load balancers notice and stop sending), then stop accepting while in-flight requests finish
   * within the grace period; only then do background work, pools and Vert.x stop.
   */
  public synchronized Future<Void> close() {
    if (closing != null) return closing;
    boolean served = management != null;
    List<Shutdown.Stage> stages = new ArrayList<>(List.of(
        stage("readiness reports 503; draining for " + ops.shutdownDrainSeconds() + " s", () -> drain(served)),
        stage("event streams end with a reconnect hint", services.streams()::closeAll),
        stage("HTTP listeners stop; in-flight requests get " + ops.shutdownGraceSeconds() + " s",
            () -> listeners.shutdown(ops.shutdownGraceSeconds())
                .compose(v -> httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment))),
        stage("background work stops", this::stopBackgroundWork),
        stage("management port closes", () -> management == null ? Future.succeededFuture() : management.close())));
    stages.addAll(infra.closeStages());
    closing = Shutdown.run(stages).andThen(ar -> infra.closeReporting());
    return closing;
  }

  private Future<?> drain(boolean served) {
    health.drain();
    return served && ops.shutdownDrainSeconds() > 0
        ? vertx.timer(ops.shutdownDrainSeconds(), TimeUnit.SECONDS)
        : Future.succeededFuture();
  }

  /** Waits for the event feed to stop too: the pools close next, and it reads from one of them. */
  private Future<?> stopBackgroundWork() {
    services.auth().stopPruning(vertx);
    List<Future<?>> stopped = new ArrayList<>();
    stopped.add(services.catalog().stopSync(vertx));
    if (feedDeployment != null) stopped.add(vertx.undeploy(feedDeployment));
    features.forEach(feature -> stopped.add(feature.stop()));
    return Future.join(stopped);
  }
}
