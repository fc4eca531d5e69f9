package dev.storefront.auth;

import dev.storefront.config.AuthSettings;
import dev.storefront.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived ES256 access tokens. Verification is Vert.x's (signature, {@code exp}, {@code nbf},
 * {@code iss}, {@code aud}) plus what it leaves open: the header must name ES256 and carry no key
 * material or key location ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}, {@code crit}), the
 * signature must be the 64-byte JOSE R||S form with a low S ({@link EcdsaLowS}; tokens are issued
 * that way), and {@code exp}, {@code iat}, {@code sub} and {@code jti} must be present.
 */
public final class AccessTokens implements JWTAuth {
  private static final Set<String> FORBIDDEN_HEADERS = Set.of("jwk", "jku", "x5c", "x5u", "crit");
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder B64URL_OUT = Base64.getUrlEncoder().withoutPadding();
  private static final int ES256_SIGNATURE_BYTES = 64;

  private final JWTAuth jwt;
  private final JWTOptions signing;

  public AccessTokens(Vertx vertx, AuthSettings settings) {
    JWTOptions options = new JWTOptions()
        .setAlgorithm("ES256")
        .setIssuer(settings.jwtIssuer())
        .setAudience(List.of(settings.jwtAudience()))
        .setExpiresInSeconds(settings.accessTokenTtlSeconds())
        .setLeeway(5);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(settings.jwtPrivateKeyPem()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256")
            .setBuffer(SigningKeys.publicPemOf(settings.jwtPrivateKeyPem())))
        .setJWTOptions(options));
    this.signing = options;
  }

  /**
   * A token for this user, with a fresh {@code jti}; {@code sid} names the sign-in (refresh-token
   * family) it belongs to, so what hangs on the sign-in (event streams) can end with it.
   */
  public String issue(long userId, String role, UUID session) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(userId))
        .put("sid", session.toString())
        .put("jti", UUID.randomUUID().toString())
        .put("roles", new JsonArray().add(role));
    return generateToken(claims, signing);
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return lowS(jwt.generateToken(claims, options));
  }

  @Override
  public String generateToken(JsonObject claims) {
    return generateToken(claims, signing);
  }

  /** The token with its signature's S made low: the signer emits either twin, verification takes only this one. */
  private static String lowS(String token) {
    int dot = token.lastIndexOf('.');
    byte[] signature = B64URL.decode(token.substring(dot + 1));
    return token.substring(0, dot + 1) + B64URL_OUT.encodeToString(EcdsaLowS.normalize(signature));
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || !wellFormed(token.getToken())) {
      return Future.failedFuture("invalid token");
    }
    return jwt.authenticate(credentials).compose(user -> {
      JsonObject p = Caller.claims(user);
      if (!p.containsKey("exp") || !p.containsKey("iat") || p.getString("sub") == null || p.getString("jti") == null) {
        return Future.failedFuture("missing required claims");
      }
      return Future.succeededFuture(user);
    });
  }

  private static boolean wellFormed(String token) {
    if (token == null) return false;
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !canonicalSignature(parts[2])) return false;
    try {
      JsonObject header = new JsonObject(new String(B64URL.decode(parts[0]), StandardCharsets.UTF_8));
      return "ES256".equals(header.getString("alg")) && header.fieldNames().stream().noneMatch(FORBIDDEN_HEADERS::contains);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Only the JOSE form: R||S, 64 bytes, unpadded base64url with no stray bits, and S low. Vert.x would
   * also take a DER signature (and padding) and the high-S twin, giving one token several valid encodings.
   */
  private static boolean canonicalSignature(String encoded) {
    try {
      byte[] signature = B64URL.decode(encoded);
      return signature.length == ES256_SIGNATURE_BYTES && B64URL_OUT.encodeToString(signature).equals(encoded)
          && EcdsaLowS.isLow(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
