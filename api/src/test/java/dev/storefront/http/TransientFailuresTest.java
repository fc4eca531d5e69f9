package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {
  @Test
  void aLostOrUnreachableDependencyIsTransientAndABugIsNot() {
    assertThat(TransientFailures.isTransient(new TimeoutException())).isTrue();
    assertThat(TransientFailures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(TransientFailures.isTransient(new CompletionException(new java.net.ConnectException("refused")))).isTrue();
    // A connection reset under a running statement (a PostgreSQL outage seen through a proxy).
    assertThat(TransientFailures.isTransient(new java.net.SocketException("Connection reset"))).isTrue();
    assertThat(TransientFailures.isTransient(new CompletionException(new java.net.SocketException("Broken pipe"))))
        .isTrue();
    // What the SQL client raises for a statement on a connection that closed under a transaction.
    assertThat(TransientFailures.isTransient(
        VertxException.noStackTrace("Connection is not active now, current status: CLOSED"))).isTrue();
    assertThat(TransientFailures.isTransient(new VertxException("something else"))).isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
  }
}
