package dev.storefront.config;

/** S3 bucket names as S3 accepts them (3-63 lower-case letters, digits, dots and dashes). */
final class Buckets {
  private Buckets() {}

  static String name(Env env, String setting, String fallback) {
    String value = env.string(setting, fallback);
    if (!value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new ConfigException(setting, "not a valid S3 bucket name");
    }
    return value;
  }
}
