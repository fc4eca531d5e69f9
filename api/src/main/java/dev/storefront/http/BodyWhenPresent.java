package dev.storefront.http;

import dev.storefront.clientconfig.ClientConfigRoutes;
import dev.storefront.web.DeferredBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body handler, skipped for GET and HEAD requests that announce no body: those are the hot
 * catalog reads, and buffering an empty body costs them a handler registration per request.
 * Uploads (a POST to a {@code /media} path) are not read here: their operation reads its own body,
 * with its own larger limit, once the caller has been authenticated and authorised, so a caller who
 * may not upload cannot make the server take in megabytes first ({@link DeferredBody}).
 * Browser error envelopes posted to the error tunnel get a limit of their own.
 */
final class BodyWhenPresent implements BodyHandler {
  /** Browser error envelopes (stack traces, breadcrumbs) run larger than API bodies; {@code /api/v1/errors}. */
  static final int ERROR_ENVELOPE_LIMIT_BYTES = 200 * 1024;
  private final BodyHandler delegate;
  private final BodyHandler envelopes;

  BodyWhenPresent(long limitBytes) {
    this.delegate = BodyHandler.create(false).setBodyLimit(limitBytes);
    this.envelopes = BodyHandler.create(false).setBodyLimit(ERROR_ENVELOPE_LIMIT_BYTES);
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    HttpMethod method = request.method();
    if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
        && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
        && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      rc.next();
    } else if (isUpload(request)) {
      DeferredBody.defer(rc);
    } else if (method == HttpMethod.POST && ClientConfigRoutes.TUNNEL_PATH.equals(request.path())) {
      envelopes.handle(rc);
    } else {
      delegate.handle(rc);
    }
  }

  private static boolean isUpload(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && request.path().endsWith("/media");
  }

  @Override
  public BodyHandler setHandleFileUploads(boolean handle) {
    delegate.setHandleFileUploads(handle);
    return this;
  }

  @Override
  public BodyHandler setBodyLimit(long limit) {
    delegate.setBodyLimit(limit);
    return this;
  }

  @Override
  public BodyHandler setUploadsDirectory(String dir) {
    delegate.setUploadsDirectory(dir);
    return this;
  }

  @Override
  public BodyHandler setMergeFormAttributes(boolean merge) {
    delegate.setMergeFormAttributes(merge);
    return this;
  }

  @Override
  public BodyHandler setDeleteUploadedFilesOnEnd(boolean delete) {
    delegate.setDeleteUploadedFilesOnEnd(delete);
    return this;
  }

  @Override
  public BodyHandler setPreallocateBodyBuffer(boolean preallocate) {
    delegate.setPreallocateBodyBuffer(preallocate);
    return this;
  }
}
