package dev.storefront.auth;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Generates an ES256 signing key as PKCS#8 PEM, for the dev run and tests (production keys come from the environment). */
public final class SigningKeys {
  private SigningKeys() {}

  /** The public half of a PKCS#8 EC P-256 private key, as X.509 PEM: what verification needs. */
  public static String publicPemOf(String privatePem) {
    try {
      String body = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      KeyFactory factory = KeyFactory.getInstance("EC");
      ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getParameterSpec("secp256r1").getG()
          .multiply(key.getS()).normalize();
      ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
      byte[] x509 = factory.generatePublic(new ECPublicKeySpec(w, key.getParams())).getEncoded();
      return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(x509)
          + "\n-----END PUBLIC KEY-----\n";
    } catch (java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new dev.storefront.config.ConfigException("JWT_PRIVATE_KEY", "not a PKCS#8 EC P-256 private key");
    }
  }

  public static String generatePem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
