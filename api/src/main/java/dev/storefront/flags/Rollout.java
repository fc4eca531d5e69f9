package dev.storefront.flags;

import dev.storefront.web.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Percentage rollouts that are sticky per subject: the bucket is SHA-256 of {@code flag:subject}
 * reduced to 0-99, so the same subject gets the same answer on every instance and after restarts,
 * and one flag's 10 % are not the same people as another's.
 */
public final class Rollout {
  private Rollout() {}

  /** 0-99, stable for a flag name and subject. */
  public static int bucket(String flag, String subject) {
    byte[] digest = Bytes.sha256((flag + ":" + subject).getBytes(StandardCharsets.UTF_8));
    return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), 100);
  }

  /** Off when disabled; on for all at 100 %; otherwise only a subject whose bucket is below the rollout. */
  public static boolean isOn(String name, FlagSet.Flag flag, String subject) {
    if (!flag.enabled() || flag.rollout() <= 0) return false;
    if (flag.rollout() >= 100) return true;
    return subject != null && bucket(name, subject) < flag.rollout();
  }
}
