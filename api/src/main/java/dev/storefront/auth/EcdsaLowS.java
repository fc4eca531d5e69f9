package dev.storefront.auth;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * ECDSA signatures come in pairs: if (R, S) verifies, so does (R, n - S). Only the low-S one
 * (S at most n/2, as in BIP 62) counts as the signature, so a token has exactly one valid spelling
 * and a changed signature is always a refused token. Works on the 64-byte JOSE R||S form of P-256.
 */
final class EcdsaLowS {
  private static final BigInteger N =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final BigInteger HALF_N = N.shiftRight(1);
  private static final int HALF = 32;

  private EcdsaLowS() {}

  static boolean isLow(byte[] jose) {
    return s(jose).compareTo(HALF_N) <= 0;
  }

  /** The low-S twin of a JOSE signature (the signature itself when already low). */
  static byte[] normalize(byte[] jose) {
    BigInteger s = s(jose);
    if (s.compareTo(HALF_N) <= 0) return jose;
    byte[] out = Arrays.copyOf(jose, jose.length);
    byte[] low = N.subtract(s).toByteArray();
    // Unsigned and left-padded to 32 bytes (toByteArray may be shorter, or lead with a sign byte).
    Arrays.fill(out, HALF, 2 * HALF, (byte) 0);
    int len = Math.min(low.length, HALF);
    System.arraycopy(low, low.length - len, out, 2 * HALF - len, len);
    return out;
  }

  private static BigInteger s(byte[] jose) {
    return new BigInteger(1, Arrays.copyOfRange(jose, HALF, 2 * HALF));
  }
}
