package dev.storefront.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of PostgreSQL that can be cut: connections closed and new ones refused, as
 * when the database host goes away, without stopping the machine's PostgreSQL that others use.
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  final int port;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    port = server.getLocalPort();
    accept(server);
  }

  /** Cut: every connection closed, the port closed so new connections are refused. */
  synchronized void cut() throws IOException {
    server.close();
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Restore: listening again on the same port. */
  synchronized void restore() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    server = s;
    accept(s);
  }

  private void accept(ServerSocket listening) {
    Thread t = new Thread(() -> {
      while (!listening.isClosed()) {
        try {
          Socket in = listening.accept();
          Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          sockets.add(in);
          sockets.add(out);
          pipe(in, out);
          pipe(out, in);
        } catch (IOException e) {
          // closed by cut(), or the target refused: the client sees its connection end
        }
      }
    }, "proxy-accept-" + port);
    t.setDaemon(true);
    t.start();
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
