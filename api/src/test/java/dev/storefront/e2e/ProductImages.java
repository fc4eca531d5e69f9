package dev.storefront.e2e;

import dev.storefront.support.ProductPictures;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.multipart.MultipartForm;

/**
 * Pictures for the products the suite shows, uploaded the way an admin does (the media endpoint, to
 * the S3-compatible server behind MEDIA_BASE_URL), so the pages load images from another origin as
 * they do behind a CDN.
 */
final class ProductImages {
  private ProductImages() {}

  static void upload(TestApp app, long fromId, long toId) {
    for (long id = fromId; id <= toId; id++) {
      String uri = "/api/v1/admin/products/" + id + "/media";
      MultipartForm form = MultipartForm.create().binaryFileUpload("file", "product-" + id + ".jpg",
          Buffer.buffer(ProductPictures.jpeg(id, String.format("SKU-%06d", id))), "image/jpeg");
      var r = app.client.post(uri).putHeader("Authorization", "Bearer " + app.adminToken()).sendMultipartForm(form).await();
      if (r.statusCode() != 200) throw new IllegalStateException("image upload for " + id + " answered " + r.statusCode());
    }
  }
}
