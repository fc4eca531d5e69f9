package dev.storefront.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body handler, skipped for GET and HEAD requests that announce no body: those are the hot
 * catalog reads, and buffering an empty body costs them a handler registration per request.
 */
final class BodyWhenPresent implements BodyHandler {
  private final BodyHandler delegate;

  BodyWhenPresent(long limitBytes) {
    this.delegate = BodyHandler.create(false).setBodyLimit(limitBytes);
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    HttpMethod method = request.method();
    if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
        && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
        && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      rc.next();
    } else {
      delegate.handle(rc);
    }
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
