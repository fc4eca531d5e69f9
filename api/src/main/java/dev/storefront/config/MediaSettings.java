package dev.storefront.config;

/** Product images: the bucket they are written to, the URL prefix they are read from, the upload cap. */
public record MediaSettings(String bucket, String baseUrl, int maxBytes) {

  static MediaSettings from(Env env) {
    return new MediaSettings(Buckets.name(env, "MEDIA_BUCKET", "storefront-media"),
        env.string("MEDIA_BASE_URL", "/media"),
        env.integer("MEDIA_MAX_BYTES", 5 * 1024 * 1024, 1024, 64 * 1024 * 1024));
  }
}
