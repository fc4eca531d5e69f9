package dev.storefront.web;

/** A failure with a client-facing RFC 9457 rendering; thrown or passed to {@code rc.fail}. */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private long retryAfterSeconds;
  private boolean shed;
  private Throwable cause;

  public ProblemException(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "invalid-request", "Invalid request", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail);
  }

  /** A problem of this status with its standard type and title (413 payload-too-large, 429 too-many-requests...). */
  public static ProblemException of(int status, String detail) {
    return Problems.standard(status, detail);
  }

  /** Keeps the failure underneath for the log line and the error report; the client never sees it. */
  public ProblemException causedBy(Throwable cause) {
    this.cause = cause;
    return this;
  }

  @Override
  public synchronized Throwable getCause() {
    return cause;
  }

  /** Adds a {@code Retry-After} header to the response. */
  public ProblemException retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /**
   * Marks a 503 as load refused by design (a queue at its cap), not a fault: it is answered like
   * any other but not logged or reported per request, since a flood would otherwise make one log
   * line and one error report per refused request. The status metric still counts it.
   */
  public ProblemException shed() {
    this.shed = true;
    return this;
  }

  public boolean isShed() {
    return shed;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }
}
