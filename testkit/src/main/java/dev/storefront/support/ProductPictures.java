package dev.storefront.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The pictures the dev run and the browser suite give products: a square in a colour of the product's own, with a label. */
public final class ProductPictures {
  private ProductPictures() {}

  public static byte[] jpeg(long id, String label) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.getHSBColor((id * 0.618034f) % 1f, 0.45f, 0.92f));
    g.fillRect(0, 0, 240, 240);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(40, 40, 40));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
    g.drawString(label, 30, 128);
    g.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, "jpg", out)) throw new IOException("no JPEG writer");
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
