package dev.storefront.storage;

import dev.storefront.config.S3Settings;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The blocking S3 client and the rules every write follows (server-side encryption). Blocking on
 * purpose: the API calls it only from worker threads ({@code executeBlocking}), the CLI commands
 * from their own thread; every call is bounded by {@code S3_TIMEOUT_MS}.
 */
public final class S3Storage implements AutoCloseable {
  /** User metadata ({@code x-amz-meta-sha256}) holding the hex SHA-256 of the object's bytes. */
  public static final String SHA256_METADATA = "sha256";
  private final S3Client client;
  private final S3Settings settings;

  public S3Storage(S3Settings settings) {
    this.settings = settings;
    Duration timeout = Duration.ofMillis(settings.timeoutMs());
    var builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(timeout))
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(timeout).apiCallTimeout(timeout.multipliedBy(3)))
        .credentialsProvider(settings.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
    this.client = builder.build();
  }

  public S3Client client() {
    return client;
  }

  /**
   * A whole object in one request, encrypted at rest as configured, with its SHA-256 in the
   * object's metadata so copies can be compared without downloading them.
   */
  public void put(String bucket, String key, byte[] bytes, String contentType, String cacheControl, String sha256) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
        .metadata(Map.of(SHA256_METADATA, sha256));
    if (cacheControl != null) request.cacheControl(cacheControl);
    encryption(request::serverSideEncryption, request::ssekmsKeyId);
    client.putObject(request.build(), RequestBody.fromBytes(bytes));
  }

  /** The start of a multipart upload, encrypted at rest like single puts. */
  public CreateMultipartUploadRequest multipart(String bucket, String key, String contentType) {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
        .bucket(bucket).key(key).contentType(contentType);
    encryption(request::serverSideEncryption, request::ssekmsKeyId);
    return request.build();
  }

  private void encryption(Consumer<ServerSideEncryption> mode, Consumer<String> kmsKey) {
    switch (settings.encryption()) {
      case AES256 -> mode.accept(ServerSideEncryption.AES256);
      case KMS -> {
        mode.accept(ServerSideEncryption.AWS_KMS);
        if (settings.kmsKeyId() != null) kmsKey.accept(settings.kmsKeyId());
      }
      case NONE -> { }
    }
  }

  /** The SHA-256 recorded when the object was written; null when there is no such object (or none was recorded). */
  public String sha256(String bucket, String key) {
    try {
      return client.headObject(b -> b.bucket(bucket).key(key)).metadata().get(SHA256_METADATA);
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return null;
      throw e;
    }
  }

  /** Removes an object; removing one that is not there is not an error. */
  public void delete(String bucket, String key) {
    client.deleteObject(b -> b.bucket(bucket).key(key));
  }

  @Override
  public void close() {
    client.close();
  }
}
