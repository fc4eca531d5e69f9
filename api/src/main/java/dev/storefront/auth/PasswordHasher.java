package dev.storefront.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane), stored in the PHC string format so
 * the parameters travel with the hash and can be raised later (a sign-in re-hashes a password
 * whose stored hash is weaker, see {@link #isWeakerThanCurrent}). CPU- and memory-heavy by design:
 * call it off the event loop.
 */
public final class PasswordHasher {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  /** Verified when the account does not exist, so unknown emails cost the same time. */
  private final String dummy = hash("not-a-real-password-" + System.nanoTime());

  public String hash(String password) {
    return hash(password, MEMORY_KIB, ITERATIONS, PARALLELISM);
  }

  /** A hash with the given parameters: the current ones, or (tests) the weaker ones of older accounts. */
  String hash(String password, int memoryKib, int iterations, int parallelism) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, parallelism);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** Checks {@code password} against a stored hash, or against a dummy one when {@code stored} is null. */
  public boolean verify(String password, String stored) {
    boolean known = stored != null;
    Phc phc = Phc.parse(known ? stored : dummy);
    if (phc == null) return false;
    byte[] actual = derive(password, phc.salt(), phc.memoryKib(), phc.iterations(), phc.parallelism());
    return MessageDigest.isEqual(phc.hash(), actual) && known;
  }

  /** True when {@code stored} was made with weaker parameters than {@link #hash(String)} uses now. */
  public static boolean isWeakerThanCurrent(String stored) {
    Phc phc = stored == null ? null : Phc.parse(stored);
    return phc != null && (phc.memoryKib() < MEMORY_KIB || phc.iterations() < ITERATIONS
        || phc.parallelism() < PARALLELISM || phc.salt().length < SALT_BYTES);
  }

  /** The parts of a PHC string this hasher writes; null when it is not one. */
  private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static Phc parse(String stored) {
      String[] parts = stored.split("\\$");
      if (parts.length != 6 || !"argon2id".equals(parts[1])) return null;
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        String[] pair = kv.split("=");
        switch (pair[0]) {
          case "m" -> m = Integer.parseInt(pair[1]);
          case "t" -> t = Integer.parseInt(pair[1]);
          case "p" -> p = Integer.parseInt(pair[1]);
          default -> { return null; }
        }
      }
      return new Phc(m, t, p, B64D.decode(parts[4]), B64D.decode(parts[5]));
    }
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
