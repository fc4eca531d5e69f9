package dev.storefront.e2e;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.multipart.MultipartForm;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

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
          Buffer.buffer(jpeg(id)), "image/jpeg");
      var r = app.client.post(uri).putHeader("Authorization", "Bearer " + app.adminToken()).sendMultipartForm(form).await();
      if (r.statusCode() != 200) throw new IllegalStateException("image upload for " + id + " answered " + r.statusCode());
    }
  }

  /** A square in a colour of the product's own, with its id. */
  private static byte[] jpeg(long id) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.getHSBColor((id * 0.618034f) % 1f, 0.45f, 0.92f));
    g.fillRect(0, 0, 240, 240);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(40, 40, 40));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
    g.drawString(String.format("SKU-%06d", id), 30, 128);
    g.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, "jpg", out)) throw new IOException("no JPEG writer");
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
