package dev.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import dev.storefront.support.TestApp;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} on a port that is taken ends at once with exit status 1 and says which port (it
 * used to print the socket error without the port, or after a two-minute wait only "null"). Run as
 * users run it: the CLI in a JVM of its own.
 */
class StartFailureTest {

  @Test
  void serveOnATakenPortExitsPromptlyNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();
      Map<String, String> env = TestApp.environment("start_failure", Map.of("HTTP_PORT", Integer.toString(port),
          "HTTP_INSTANCES", "2", "CACHE_NAMESPACE", "start_failure"));
      AppConfig config = AppConfig.from(env);
      Migrations.migrate(config);

      ProcessBuilder builder = new ProcessBuilder(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--no-migrate")
          .redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) process.destroyForcibly();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(ended).as("ended within 60 s; output:%n%s", output).isTrue();
      assertThat(process.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("storefront-api: HTTP port " + port + ": ").containsIgnoringCase("in use");
      TestApp.dropSchema(config);
    }
  }
}
