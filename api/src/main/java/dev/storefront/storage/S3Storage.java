package dev.storefront.storage;

import dev.storefront.config.S3Settings;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
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
  private final S3Client client;
  private final S3Settings settings;

  public S3Storage(S3Settings settings) {
    this.settings = settings;
    Duration timeout = Duration.ofMillis(settings.timeoutMs());
    var builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(timeout))
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(timeout).apiCallTimeout(timeout.multipliedBy(3)))
        .credentialsProvider(settings.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
    this.client = builder.build();
  }

  public S3Client client() {
    return client;
  }

  /** A whole object in one request, encrypted at rest as configured. */
  public void put(String bucket, String key, byte[] bytes, String contentType, String cacheControl) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType);
    if (cacheControl != null) request.cacheControl(cacheControl);
    if (settings.encryption() == S3Settings.Encryption.AES256) request.serverSideEncryption(ServerSideEncryption.AES256);
    if (settings.encryption() == S3Settings.Encryption.KMS) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
    }
    client.putObject(request.build(), RequestBody.fromBytes(bytes));
  }

  /** The start of a multipart upload, encrypted at rest like single puts. */
  public CreateMultipartUploadRequest multipart(String bucket, String key, String contentType) {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
        .bucket(bucket).key(key).contentType(contentType);
    if (settings.encryption() == S3Settings.Encryption.AES256) request.serverSideEncryption(ServerSideEncryption.AES256);
    if (settings.encryption() == S3Settings.Encryption.KMS) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
    }
    return request.build();
  }

  /** Whether the object exists (a HEAD request). */
  public boolean exists(String bucket, String key) {
    try {
      client.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return false;
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
