package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.config.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refresh whose rotation committed but whose answer was lost (the connection reset before the
 * reply) is answered 503 with {@code Retry-After}; the client that retries as told presents the
 * rotated token again. By default that retry must land inside the reuse grace, or it ends the sign-in.
 */
class RetryAfterAndRefreshGraceTest {
  @Test
  void theDefaultRefreshGraceOutlastsTheRetryAfterOfADependencyFailure() {
    int grace = AppConfig.from(Map.of()).auth().refreshReuseGraceSeconds();
    assertThat(grace).isGreaterThan(Integer.parseInt(FailureHandler.DEPENDENCY_RETRY_AFTER_SECONDS) + 1);
  }
}
