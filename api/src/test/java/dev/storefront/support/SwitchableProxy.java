package dev.storefront.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real server that can turn into a black hole: connections stay open
 * but nothing is forwarded either way, the way a partitioned or hung Redis looks to a client.
 * Bytes are held back, not dropped, as TCP would deliver them once a partition heals: a relay
 * that dropped them would corrupt the protocol stream and no client could ever recover. It can
 * also go down like a stopped server: connections closed, new ones refused, until it is back up.
 */
public final class SwitchableProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private volatile NetServer server;
  private final NetClient client;
  private final URI target;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackHole;
  private boolean down;
  public final int port;

  public SwitchableProxy(String targetUrl) {
    target = URI.create(targetUrl);
    client = vertx.createNetClient();
    server = newServer();
    port = server.listen(0, "127.0.0.1").await().actualPort();
  }

  private NetServer newServer() {
    return vertx.createNetServer().connectHandler(in -> {
      in.pause();
      sockets.add(in);
      client.connect(target.getPort(), target.getHost()).onSuccess(out -> {
        sockets.add(out);
        in.handler(out::write);
        out.handler(in::write);
        in.closeHandler(v -> out.close());
        out.closeHandler(v -> in.close());
        if (blackHole) out.pause(); else in.resume();
      }).onFailure(e -> in.close());
    });
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** The target URL (credentials, path) with the proxy as host and port. */
  public String urlOfTarget() {
    return target.getScheme() + "://" + (target.getRawUserInfo() == null ? "" : target.getRawUserInfo() + "@")
        + "127.0.0.1:" + port + target.getRawPath();
  }

  /** Down: every connection closed and new ones refused. Up: listening again on the same port. */
  public synchronized void down(boolean down) {
    if (down == this.down) return;
    this.down = down;
    if (down) {
      server.close().await();
      sockets.forEach(NetSocket::close);
      sockets.clear();
    } else {
      server = newServer();
      server.listen(port, "127.0.0.1").await();
    }
  }

  public void blackHole(boolean on) {
    blackHole = on;
    sockets.forEach(on ? NetSocket::pause : NetSocket::resume);
  }

  @Override
  public void close() {
    sockets.forEach(NetSocket::close);
    vertx.close().await();
  }
}
