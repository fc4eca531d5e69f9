package dev.storefront.dev;

import dev.storefront.support.S3Server;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' S3-compatible server on its own, for running the jar's {@code backup},
 * {@code restore-drill} and {@code media-migrate} commands by hand: prints the settings that point
 * at it and runs until stopped.
 */
public final class LocalS3 {
  private LocalS3() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = new TreeMap<>(S3Server.environment());
    env.forEach((k, v) -> System.out.println("export " + k + "=" + v));
    System.out.flush();
    Thread.currentThread().join();
  }
}
