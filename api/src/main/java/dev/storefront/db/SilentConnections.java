package dev.storefront.db;

import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.internal.Connection;
import io.vertx.sqlclient.internal.SqlConnectionInternal;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL that stops answering (a failover, a dropped NAT entry) closes nothing: every query
 * sent on its connections would hang for as long as the kernel keeps the socket (minutes), and
 * statement_timeout cannot help a server that never gets the query. So a pooled connection that
 * reads nothing for longer than any statement may run is closed: its queries fail as a lost
 * connection (503) and the pool opens new ones. The pool's own idle eviction comes first, so this
 * closes only connections that are waiting for an answer.
 *
 * <p>On the channel itself: vertx-pg-client 5.0.7 ignores the pool builder's transport options,
 * its read idle timeout included.
 */
final class SilentConnections {
  private SilentConnections() {}

  static void closeWhenSilent(SqlConnection connection, int readIdleMs) {
    if (connection instanceof SqlConnectionInternal internal && socketOf(internal.unwrap()) instanceof SocketConnectionBase socket) {
      // Vert.x closes a connection whose channel reports it idle (VertxConnection.handleIdle).
      socket.socket().channelHandlerContext().pipeline()
          .addFirst("readIdle", new IdleStateHandler(readIdleMs, 0, 0, TimeUnit.MILLISECONDS));
    }
  }

  /** The socket connection under the pool's wrappers ({@code unwrap} returns itself at the bottom). */
  private static Connection socketOf(Connection connection) {
    for (Connection c = connection; ; c = c.unwrap()) {
      if (c.unwrap() == c) return c;
    }
  }
}
