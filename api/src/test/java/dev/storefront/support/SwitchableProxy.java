package dev.storefront.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real server that can turn into a black hole: connections stay open
 * but nothing is forwarded either way, the way a partitioned or hung Redis looks to a client.
 * Bytes are held back, not dropped, as TCP would deliver them once a partition heals: a relay
 * that dropped them would corrupt the protocol stream and no client could ever recover. It can
 * also go down like a stopped server: connections closed, new ones refused, until it is back up.
 * For Redis it can hold back the replies to some commands (which Redis has applied), in order, the
 * way a reply lost to a client-side timeout looks.
 */
public final class SwitchableProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private volatile NetServer server;
  private final NetClient client;
  private final URI target;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackHole;
  private boolean down;
  private volatile String lateMarker;
  private volatile long lateMs;
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
        if ("redis".equals(target.getScheme())) {
          Relay relay = new Relay(in);
          in.handler(b -> {
            out.write(b);
            relay.commands(b);
          });
          out.handler(relay::replies);
        } else {
          in.handler(out::write);
          out.handler(in::write);
        }
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

  /**
   * The connections open now go silent for good, both ways, while new ones pass: a peer lost
   * without a reset (a failover, a dropped NAT entry), seen by a client that keeps its sockets.
   */
  public void freezeOpenConnections() {
    sockets.forEach(NetSocket::pause);
  }

  public void blackHole(boolean on) {
    blackHole = on;
    sockets.forEach(on ? NetSocket::pause : NetSocket::resume);
  }

  /**
   * From now on, replies to Redis commands whose text contains {@code marker} reach the client
   * {@code ms} late, and the replies after them wait their turn; a null marker ends that.
   */
  public void delayReplies(String marker, long ms) {
    lateMs = ms;
    lateMarker = marker;
  }

  /** One connection's replies, matched to its commands in order, released in order. */
  private final class Relay {
    private final NetSocket client;
    private final Deque<Boolean> late = new ArrayDeque<>();
    private final Deque<Object[]> held = new ArrayDeque<>(); // {release time ms, reply}
    private Buffer commands = Buffer.buffer();
    private Buffer replies = Buffer.buffer();
    private boolean timerSet;

    Relay(NetSocket client) {
      this.client = client;
    }

    synchronized void commands(Buffer chunk) {
      commands.appendBuffer(chunk);
      for (int end; (end = RespFrames.end(commands, 0)) > 0; commands = commands.getBuffer(end, commands.length())) {
        String marker = lateMarker;
        late.add(marker != null && commands.getString(0, end).contains(marker));
      }
    }

    synchronized void replies(Buffer chunk) {
      replies.appendBuffer(chunk);
      for (int end; (end = RespFrames.end(replies, 0)) > 0; replies = replies.getBuffer(end, replies.length())) {
        long release = System.currentTimeMillis() + (Boolean.TRUE.equals(late.poll()) ? lateMs : 0);
        held.add(new Object[] {release, replies.getBuffer(0, end)});
      }
      drain(false);
    }

    private synchronized void drain(boolean fromTimer) {
      if (fromTimer) timerSet = false;
      long now = System.currentTimeMillis();
      while (!held.isEmpty() && (long) held.peek()[0] <= now) client.write((Buffer) held.poll()[1]);
      if (!held.isEmpty() && !timerSet) {
        timerSet = true;
        vertx.setTimer(Math.max(1, (long) held.peek()[0] - now), id -> drain(true));
      }
    }
  }

  @Override
  public void close() {
    sockets.forEach(NetSocket::close);
    vertx.close().await();
  }
}
