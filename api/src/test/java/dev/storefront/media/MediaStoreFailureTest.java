package dev.storefront.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.S3Server;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An upload whose storing or recording fails leaves neither a product pointing nowhere nor an unused object. */
class MediaStoreFailureTest {
  private static TestApp t;
  private static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("media_failure", S3Server.environment());
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> upload(WebClient client, long product, byte[] bytes) {
    String uri = "/api/v1/admin/products/" + product + "/media";
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", "photo.png", Buffer.buffer(bytes), "image/png");
    var sent = client.post(uri).putHeader("Authorization", "Bearer " + t.adminToken()).sendMultipartForm(form).await();
    return Contract.checked(HttpMethod.POST, uri, sent);
  }

  private static String imageKey(long product) {
    return sql.text("SELECT image_key FROM products WHERE id = ?", product);
  }

  @Test
  void anUnreachableMediaStoreIs503WithRetryAfterAndTheProductIsUnchanged() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(S3Server.environment());
    env.put("S3_ENDPOINT", "http://127.0.0.1:" + closedPort);
    env.put("S3_TIMEOUT_MS", "2000");
    String before = imageKey(11);
    t.withSibling(env, (app, client) -> {
      HttpResponse<Buffer> r = upload(client, 11, MediaUploadTest.uniquePng());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.getHeader("Retry-After")).isEqualTo(Long.toString(ImageStore.RETRY_AFTER_SECONDS));
    });
    assertThat(imageKey(11)).isEqualTo(before);
  }

  @Test
  void anObjectStoredForAProductThatCouldNotBePointedAtItIsRemoved() {
    // The database refuses this product's new image, the way it would when it runs out of resources.
    sql.update("CREATE FUNCTION refuse_image() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'no image today' USING ERRCODE = '53000'; END $$");
    sql.update("CREATE TRIGGER refuse_image BEFORE UPDATE OF image_key ON products FOR EACH ROW "
        + "WHEN (NEW.id = 12) EXECUTE FUNCTION refuse_image()");
    String before = imageKey(12);
    byte[] image = MediaUploadTest.uniquePng();

    HttpResponse<Buffer> r = upload(t.client, 12, image);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(imageKey(12)).isEqualTo(before);
    assertThat(MediaUploadTest.objectStatus(t, image)).isEqualTo(404);
  }

  @Test
  void anObjectAnotherProductAlreadyUsesIsKeptWhenThisOneCannotBePointedAtIt() {
    byte[] image = MediaUploadTest.uniquePng();
    assertThat(upload(t.client, 13, image).statusCode()).isEqualTo(200);
    sql.update("CREATE FUNCTION refuse_image_14() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'no image today' USING ERRCODE = '53000'; END $$");
    sql.update("CREATE TRIGGER refuse_image_14 BEFORE UPDATE OF image_key ON products FOR EACH ROW "
        + "WHEN (NEW.id = 14) EXECUTE FUNCTION refuse_image_14()");

    assertThat(upload(t.client, 14, image).statusCode()).isEqualTo(503);

    assertThat(MediaUploadTest.objectStatus(t, image)).isEqualTo(200);
  }
}
