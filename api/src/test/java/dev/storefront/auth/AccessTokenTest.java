package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way to forge or misuse an access token gets 401 from a protected route. */
class AccessTokenTest {
  static TestApp t;
  static JsonObject tokens;
  static String userId;
  static PrivateKey serverKey;

  @BeforeAll
  static void start() throws Exception {
    t = TestApp.start("access_tokens");
    HttpResponse<Buffer> signup = t.send(HttpMethod.POST, "/api/v1/auth/signup", new JsonObject()
        .put("email", "Token.Holder@Example.com").put("password", "a long enough passphrase").toBuffer(), (String) null);
    assertThat(signup.statusCode()).isEqualTo(201);
    tokens = signup.bodyAsJsonObject();
    userId = payloadOf(tokens.getString("accessToken")).getString("sub");
    String body = TestApp.SIGNING_KEY.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    serverKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static int me(String token) {
    HttpResponse<Buffer> r = t.client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
    Contract.valid("getMe", r);
    return r.statusCode();
  }

  private static JsonObject claims() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", "storefront-api").put("aud", "storefront").put("sub", userId)
        .put("jti", UUID.randomUUID().toString()).put("roles", new JsonArray().add("customer"))
        .put("iat", now).put("exp", now + 600);
  }

  private static JsonObject es256() {
    return new JsonObject().put("alg", "ES256").put("typ", "JWT");
  }

  @Test
  void theIssuedTokenAndAWellFormedOneAreAccepted() {
    assertThat(me(tokens.getString("accessToken"))).isEqualTo(200);
    assertThat(me(sign(es256(), claims(), serverKey))).as("control: the forging helper itself is right").isEqualTo(200);
    JsonObject payload = payloadOf(tokens.getString("accessToken"));
    assertThat(payload.fieldNames()).contains("iss", "aud", "exp", "iat", "sub", "jti", "roles");
    assertThat(payload.getLong("exp") - payload.getLong("iat")).isEqualTo(900);
  }

  @Test
  void algNoneIsRefused() {
    JsonObject header = new JsonObject().put("alg", "none").put("typ", "JWT");
    assertThat(me(b64(header.encode()) + "." + b64(claims().encode()) + ".")).isEqualTo(401);
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    byte[] secret = SigningKeys.publicPemOf(TestApp.SIGNING_KEY).getBytes(StandardCharsets.UTF_8);
    String input = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode()) + "." + b64(claims().encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    assertThat(me(input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))))).isEqualTo(401);
  }

  @Test
  void tokensCarryingTheirOwnKeyOrKeyLocationAreRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair attacker = generator.generateKeyPair();
    JsonObject jwk = new JsonObject().put("kty", "EC").put("crv", "P-256").put("x", "AAAA").put("y", "AAAA");
    assertThat(me(sign(es256().put("jwk", jwk), claims(), attacker.getPrivate()))).isEqualTo(401);
    assertThat(me(sign(es256().put("jku", "http://127.0.0.1:1/jwks.json"), claims(), attacker.getPrivate()))).isEqualTo(401);
    assertThat(me(sign(es256().put("x5c", new JsonArray().add("MIIB")), claims(), attacker.getPrivate()))).isEqualTo(401);
    // even signed with the real key, embedded key material is not accepted
    assertThat(me(sign(es256().put("jwk", jwk), claims(), serverKey))).isEqualTo(401);
  }

  @Test
  void expiredTokensAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertThat(me(sign(es256(), claims().put("iat", now - 3600).put("exp", now - 60), serverKey))).isEqualTo(401);
  }

  @Test
  void tokensWithoutExpiryAreRefused() {
    JsonObject noExp = claims();
    noExp.remove("exp");
    assertThat(me(sign(es256(), noExp, serverKey))).isEqualTo(401);
  }

  @Test
  void tokensNotYetValidAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertThat(me(sign(es256(), claims().put("nbf", now + 3600), serverKey))).isEqualTo(401);
  }

  @Test
  void wrongAudienceOrIssuerIsRefused() {
    assertThat(me(sign(es256(), claims().put("aud", "another-service"), serverKey))).isEqualTo(401);
    assertThat(me(sign(es256(), claims().put("iss", "someone-else"), serverKey))).isEqualTo(401);
  }

  @Test
  void aRefreshTokenIsNotAnAccessToken() {
    assertThat(me(tokens.getString("refreshToken"))).isEqualTo(401);
  }

  @Test
  void oneChangedPayloadByteIsRefused() {
    String[] parts = tokens.getString("accessToken").split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
    String json = new String(payload, StandardCharsets.UTF_8).replace("\"customer\"", "\"admin\"\u0020");
    assertThat(me(parts[0] + "." + b64(json.getBytes(StandardCharsets.UTF_8)) + "." + parts[2])).isEqualTo(401);
    payload[payload.length - 2] ^= 1;
    assertThat(me(parts[0] + "." + b64(payload) + "." + parts[2])).isEqualTo(401);
  }

  @Test
  void onlyTheJoseFormOfTheSignatureIsAccepted() throws Exception {
    String input = b64(es256().encode()) + "." + b64(claims().encode());
    Signature der = Signature.getInstance("SHA256withECDSA");
    der.initSign(serverKey);
    der.update(input.getBytes(StandardCharsets.US_ASCII));
    assertThat(me(input + "." + b64(der.sign()))).as("DER-encoded signature").isEqualTo(401);

    String jose = sign(es256(), claims(), serverKey);
    assertThat(me(jose)).as("control").isEqualTo(200);
    assertThat(me(jose + "==")).as("padded").isEqualTo(401);
    char last = jose.charAt(jose.length() - 1);
    // The last character carries 2 bits of the 64th byte and 4 unused ones: set one unused bit.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char twin = alphabet.charAt(alphabet.indexOf(last) + 1);
    assertThat(me(jose.substring(0, jose.length() - 1) + twin)).as("same bytes, other spelling").isEqualTo(401);
  }

  private static final java.math.BigInteger P256_ORDER =
      new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  /** S of a token's JOSE signature, as an unsigned integer. */
  private static java.math.BigInteger s(String jwt) {
    byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
    return new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
  }

  /** The same token with S replaced by n - S: a signature ECDSA itself also accepts. */
  private static String twin(String jwt) {
    byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
    byte[] twin = P256_ORDER.subtract(s(jwt)).toByteArray();
    byte[] out = java.util.Arrays.copyOf(signature, 64);
    java.util.Arrays.fill(out, 32, 64, (byte) 0);
    int len = Math.min(twin.length, 32);
    System.arraycopy(twin, twin.length - len, out, 64 - len, len);
    return jwt.substring(0, jwt.lastIndexOf('.') + 1) + b64(out);
  }

  private static boolean lowS(String jwt) {
    return s(jwt).compareTo(P256_ORDER.shiftRight(1)) <= 0;
  }

  @Test
  void theHighSTwinOfAnIssuedTokenIsRefused() throws Exception {
    String issued = tokens.getString("accessToken");
    assertThat(lowS(issued)).isTrue();
    String twin = twin(issued);
    assertThat(twin).isNotEqualTo(issued);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(
        Base64.getMimeDecoder().decode(SigningKeys.publicPemOf(TestApp.SIGNING_KEY).replaceAll("-----[A-Z ]+-----", "")))));
    verifier.update(twin.substring(0, twin.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(twin.substring(twin.lastIndexOf('.') + 1))))
        .as("control: the twin is a valid ECDSA signature").isTrue();
    HttpResponse<Buffer> r = meWith("Bearer " + twin);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo(REFUSED);
    assertThat(me(issued)).isEqualTo(200);
    assertThat(me(twin(sign(es256(), claims(), serverKey)))).as("the twin of any signature").isEqualTo(401);
  }

  @Test
  void issuedTokensAlwaysCarryALowS() {
    AccessTokens signer = new AccessTokens(t.clientVertx(), t.config.auth());
    for (int i = 0; i < 200; i++) {
      String token = signer.issue(Long.parseLong(userId), "customer", UUID.randomUUID());
      assertThat(lowS(token)).as("token %d", i).isTrue();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(lowS(t.login("token.holder@example.com", "a long enough passphrase").bodyAsJsonObject()
          .getString("accessToken"))).isTrue();
    }
  }

  /** A GET of the profile with this Authorization header (none when null): the response, contract-checked. */
  private static HttpResponse<Buffer> meWith(String authorization) {
    var request = t.client.get("/api/v1/me");
    if (authorization != null) request.putHeader("Authorization", authorization);
    return Contract.valid("getMe", request.send().await());
  }

  private static final String CHALLENGE = "Bearer realm=\"storefront\"";
  private static final String REFUSED = CHALLENGE + ", error=\"invalid_token\"";

  @Test
  void everyRefusalIsA401WithTheBearerChallenge() {
    HttpResponse<Buffer> none = meWith(null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).as("no credentials: no error code").isEqualTo(CHALLENGE);
    HttpResponse<Buffer> basic = meWith("Basic dXNlcjpwYXNz");
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(basic.getHeader("WWW-Authenticate")).as("another scheme").isEqualTo(CHALLENGE);
    for (String empty : new String[] {"Bearer", "Bearer ", "bearer   "}) {
      HttpResponse<Buffer> r = meWith(empty);
      assertThat(r.statusCode()).as(empty).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).as("no token sent: no error code (RFC 6750 3.1)").isEqualTo(CHALLENGE);
    }

    long now = System.currentTimeMillis() / 1000;
    String expired = sign(es256(), claims().put("iat", now - 3600).put("exp", now - 60), serverKey);
    for (String refused : new String[] {"Bearer " + expired, "Bearer a b", "Bearer a.b.c.d",
        "Bearer  " + tokens.getString("accessToken"), "Bearer not-a-token", "Bearer " + tokens.getString("accessToken") + "=="}) {
      HttpResponse<Buffer> r = meWith(refused);
      assertThat(r.statusCode()).as(refused).isEqualTo(401);
      assertThat(r.bodyAsJsonObject().getString("type")).as(refused).isEqualTo("/problems/unauthorized");
      assertThat(r.getHeader("WWW-Authenticate")).as(refused).isEqualTo(REFUSED);
    }
    var twoLines = t.client.get("/api/v1/me").putHeader("Authorization",
        java.util.List.of("Bearer " + tokens.getString("accessToken"), "Bearer " + expired)).send().await();
    assertThat(twoLines.statusCode()).as("two Authorization lines").isEqualTo(401);

    HttpResponse<Buffer> ok = meWith("bearer " + tokens.getString("accessToken"));
    assertThat(ok.statusCode()).as("the scheme name is case-insensitive").isEqualTo(200);
    assertThat(ok.getHeader("WWW-Authenticate")).isNull();
  }

  @Test
  void aWrongPasswordIsA401WithTheBearerChallengeToo() {
    HttpResponse<Buffer> r = t.login("token.holder@example.com", "not the passphrase");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo(CHALLENGE);
  }

  static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
    try {
      String input = b64(header.encode()) + "." + b64(claims.encode());
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      String jwt = input + "." + b64(signature.sign());
      return lowS(jwt) ? jwt : twin(jwt); // as the server signs: only the low-S twin is accepted
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject payloadOf(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
