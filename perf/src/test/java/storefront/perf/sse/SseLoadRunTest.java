package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole program, a few hundred streams for a few seconds, against the stand-in server. */
class SseLoadRunTest {
  private Vertx serverVertx;
  private Vertx clientVertx;

  @BeforeEach
  void startVertx() {
    serverVertx = Vertx.vertx();
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
  }

  @AfterEach
  void closeVertx() {
    clientVertx.close().await();
    serverVertx.close().await();
  }

  @Test
  void everyStreamReceivesEveryChangeOnceInOrder() {
    StandInInventoryServer server = start(false);

    SseLoadReport report = run(config(server, 300, StandInInventoryServer.PASSWORD));

    assertThat(report.streams().opened()).isEqualTo(300);
    assertThat(report.streams().stillOpen()).isEqualTo(300);
    assertThat(report.changes().confirmedCount()).isEqualTo(20);
    assertThat(report.streams().expected()).isEqualTo(300L * 20);
    assertThat(report.streams().delivered()).isEqualTo(300L * 20);
    assertThat(report.streams().lagMicros().getTotalCount()).isEqualTo(300L * 20);
    assertThat(report.server().streamsOpenMax()).isEqualTo(300);
    assertThat(report.server().heapMaxBytes()).isEqualTo(30L * 1024 * 1024);
    assertThat(report.failures()).isEmpty();
    assertThat(printed(report)).contains("open 300  failed 0  dropped 0", "missing 0", "PASS");
  }

  @Test
  void missingAndDuplicatedDeliveriesFailTheRun() {
    StandInInventoryServer server = start(true);

    SseLoadReport report = run(config(server, 20, StandInInventoryServer.PASSWORD));

    assertThat(report.streams().missing()).isEqualTo(1);
    assertThat(report.streams().duplicated()).isEqualTo(1);
    assertThat(report.streams().delivered()).isEqualTo(20L * 20 - 1);
    assertThat(report.failures())
        .containsExactly("1 deliveries missing", "1 deliveries duplicated");
    assertThat(printed(report)).contains("FAIL: 1 deliveries missing; 1 deliveries duplicated");
  }

  @Test
  void aWrongAdminPasswordStopsTheRunBeforeAnyStreamOpens() {
    StandInInventoryServer server = start(false);

    assertThatThrownBy(() -> run(config(server, 10, "wrong")))
        .hasMessageContaining("admin sign-in failed: HTTP 401");
  }

  private StandInInventoryServer start(boolean faulty) {
    StandInInventoryServer server = new StandInInventoryServer(faulty);
    serverVertx.deployVerticle(server).await();
    return server;
  }

  private SseLoadReport run(SseLoadConfig config) {
    return new SseLoadRun(clientVertx, config, new PrintStream(new ByteArrayOutputStream())).run();
  }

  private static SseLoadConfig config(StandInInventoryServer server, int streams, String password) {
    return new SseLoadConfig(server.url(), server.url(), StandInInventoryServer.EMAIL, password,
        streams, 1_000, 5, 2, List.of(), 10, 2, 1, 10_000, 42, 1_000, 512);
  }

  private static String printed(SseLoadReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
