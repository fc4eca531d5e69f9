package dev.storefront.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Digests and compression of byte arrays held in memory: entity tags, content-addressed names, gzip bodies. */
public final class Bytes {
  private Bytes() {}

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out, 1024)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip cannot fail", e);
    }
    return out.toByteArray();
  }
}
