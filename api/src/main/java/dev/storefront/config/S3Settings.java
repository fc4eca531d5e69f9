package dev.storefront.config;

import java.net.URI;
import java.util.Locale;

/**
 * How to reach S3 (or any S3-compatible server) and how objects are encrypted at rest. Credentials
 * are optional: unset, the SDK's default chain (IRSA, instance profile) is used.
 */
public record S3Settings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean pathStyle,
    Encryption encryption, String kmsKeyId, int timeoutMs) {

  /** Server-side encryption applied to every object written: SSE-S3 by default. */
  public enum Encryption { NONE, AES256, KMS }

  static S3Settings from(Env env) {
    String endpoint = env.optional("S3_ENDPOINT");
    URI uri = null;
    if (endpoint != null) {
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("S3_ENDPOINT", "not a URL");
      }
      if (uri.getScheme() == null || uri.getHost() == null) throw new ConfigException("S3_ENDPOINT", "must look like https://host[:port]");
    }
    String accessKey = env.optional("S3_ACCESS_KEY_ID");
    String secretKey = env.optional("S3_SECRET_ACCESS_KEY");
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(accessKey == null ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY",
          "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither");
    }
    Encryption encryption;
    String raw = env.string("S3_ENCRYPTION", "AES256").toUpperCase(Locale.ROOT);
    try {
      encryption = Encryption.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("S3_ENCRYPTION", "'" + raw + "' is not AES256, KMS or NONE");
    }
    String kmsKey = env.optional("S3_KMS_KEY_ID");
    if (kmsKey != null && encryption != Encryption.KMS) throw new ConfigException("S3_KMS_KEY_ID", "only with S3_ENCRYPTION=KMS");
    return new S3Settings(uri, env.string("S3_REGION", "us-east-1"), accessKey, secretKey,
        env.bool("S3_PATH_STYLE", false), encryption, kmsKey, env.integer("S3_TIMEOUT_MS", 30_000, 1000, 600_000));
  }
}
