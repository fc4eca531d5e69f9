package dev.storefront.support;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-compatible server (s3proxy, objects in memory) on 127.0.0.1, started once per JVM for
 * the tests and the dev run. Anonymous requests are allowed so a browser or a plain HTTP client can
 * GET an object the way it would through the CDN; the SDK's signed requests are accepted too.
 */
public final class S3Server {
  public static final String MEDIA_BUCKET = "storefront-media";
  public static final String BACKUP_BUCKET = "storefront-backups";
  private static URI endpoint;

  private S3Server() {}

  public static synchronized URI endpoint() {
    if (endpoint == null) endpoint = start();
    return endpoint;
  }

  /** The settings that point the service at this server, for both buckets. */
  public static Map<String, String> environment() {
    return Map.of("S3_ENDPOINT", endpoint().toString(), "S3_PATH_STYLE", "true", "S3_REGION", "us-east-1",
        "S3_ACCESS_KEY_ID", "local", "S3_SECRET_ACCESS_KEY", "local-secret",
        "MEDIA_BUCKET", MEDIA_BUCKET, "BACKUP_BUCKET", BACKUP_BUCKET,
        "MEDIA_BASE_URL", endpoint() + "/" + MEDIA_BUCKET + "/");
  }

  private static URI start() {
    try {
      TransientNio2BlobStore store = new TransientNio2BlobStore();
      store.createContainer(MEDIA_BUCKET);
      store.createContainer(BACKUP_BUCKET);
      S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.NONE, null, null).build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) Thread.sleep(10);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          proxy.stop();
        } catch (Exception ignored) {
          // the process is exiting anyway
        }
      }));
      return URI.create("http://127.0.0.1:" + proxy.getPort());
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start", e);
    }
  }
}
