package dev.storefront.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.S3Server;
import dev.storefront.support.Shoppers;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MediaUploadTest {
  /** A valid 1x1 PNG. */
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  private static TestApp t;
  private static Shoppers shoppers;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(S3Server.environment());
    env.put("MEDIA_MAX_BYTES", "65536");
    t = TestApp.start("media", env);
    shoppers = new Shoppers(t);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  static HttpResponse<Buffer> upload(String bearer, long product, String fileName, String declaredType, byte[] bytes) {
    String uri = "/api/v1/admin/products/" + product + "/media";
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(bytes), declaredType);
    var request = t.client.post(uri);
    if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
    return Contract.checked(HttpMethod.POST, uri, request.sendMultipartForm(form).await());
  }

  @Test
  void uploadedImageIsServedFromS3AndShownOnTheProductAndInListings() {
    // Cached first, so the new URL must come from the eviction and the listing-version bump.
    String before = t.get("/api/v1/products/5").bodyAsJsonObject().getString("imageUrl");
    t.get("/api/v1/products?size=100");
    HttpResponse<Buffer> r = upload(t.adminToken(), 5, "photo.bin", "application/octet-stream", PNG);
    assertThat(r.statusCode()).isEqualTo(200);
    String url = r.bodyAsJsonObject().getString("imageUrl");
    assertThat(url).isNotEqualTo(before).isEqualTo(S3Server.environment().get("MEDIA_BASE_URL") + "products/" + MediaKeys.sha256(PNG) + ".png");

    URI object = URI.create(url);
    WebClient anonymous = WebClient.create(t.clientVertx());
    HttpResponse<Buffer> fetched = anonymous.get(object.getPort(), object.getHost(), object.getPath()).send().await();
    anonymous.close();
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body().getBytes()).isEqualTo(PNG);
    assertThat(fetched.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(fetched.getHeader("Cache-Control")).isEqualTo(MediaKeys.CACHE_CONTROL);
    assertThat(fetched.getHeader("x-amz-server-side-encryption")).isEqualTo("AES256");

    assertThat(t.get("/api/v1/products/5").bodyAsJsonObject().getString("imageUrl")).isEqualTo(url);
    var listed = t.get("/api/v1/products?size=100").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(p -> p.getLong("id") == 5).findFirst().orElseThrow();
    assertThat(listed.getString("imageUrl")).isEqualTo(url);
  }

  @Test
  void aTextFileNamedPngIsRefusedWith415() {
    byte[] text = "just some text, not an image\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<Buffer> r = upload(t.adminToken(), 6, "picture.png", "image/png", text);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void anUploadOverTheLimitIsRefusedWith413() {
    byte[] big = Arrays.copyOf(PNG, 65536 + 1);
    assertThat(upload(t.adminToken(), 6, "big.png", "image/png", big).statusCode()).isEqualTo(413);
    byte[] huge = Arrays.copyOf(PNG, 1024 * 1024);
    assertThat(upload(t.adminToken(), 6, "huge.png", "image/png", huge).statusCode()).isEqualTo(413);
  }

  @Test
  void aCustomerIsRefusedWith403() {
    HttpResponse<Buffer> r = upload(shoppers.one().token(), 6, "photo.png", "image/png", PNG);
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownProductIs404AndNothingIsStored() {
    byte[] image = uniquePng();
    HttpResponse<Buffer> r = upload(t.adminToken(), 999_999, "photo.png", "image/png", image);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(objectStatus(t, image)).isEqualTo(404);
  }

  /** A PNG no other test uploads: the signature is what makes it one, the rest is random. */
  static byte[] uniquePng() {
    byte[] image = Arrays.copyOf(PNG, PNG.length + 32);
    byte[] tail = new byte[32];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(tail);
    System.arraycopy(tail, 0, image, PNG.length, tail.length);
    return image;
  }

  /** The status of a plain GET of the object these bytes would be stored as (200 there, 404 not). */
  static int objectStatus(TestApp app, byte[] png) {
    URI object = URI.create(S3Server.environment().get("MEDIA_BASE_URL") + MediaKeys.forImage(MediaKeys.sha256(png), ImageType.PNG));
    WebClient anonymous = WebClient.create(app.clientVertx());
    try {
      return anonymous.get(object.getPort(), object.getHost(), object.getPath()).send().await().statusCode();
    } finally {
      anonymous.close();
    }
  }
}
