package dev.storefront.observability;

import dev.storefront.config.AppConfig;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;

/**
 * Sends unhandled failures (every 500, and a sample of 503s) to Sentry with route, method, request
 * id, release and environment. Never attaches headers, bodies, query strings or user data: those
 * may carry credentials or personal data.
 */
public final class SentryReporter {
  private static final long SAMPLE_PERIOD_MS = 60_000;

  private final boolean enabled;
  private final EventSampler sampler = new EventSampler(SAMPLE_PERIOD_MS, System::currentTimeMillis);

  private SentryReporter(boolean enabled) {
    this.enabled = enabled;
  }

  public static SentryReporter start(AppConfig config) {
    if (config.sentryDsn() == null) return new SentryReporter(false);
    Sentry.init(options -> {
      options.setDsn(config.sentryDsn());
      options.setRelease(config.release());
      options.setEnvironment(config.environment());
      // No default PII: Sentry's default (its setter is deprecated); beforeSend strips request and user anyway.
      options.setAttachStacktrace(true);
      options.setEnableUncaughtExceptionHandler(false);
      options.setShutdownTimeoutMillis(2_000);
      options.setBeforeSend((event, hint) -> {
        event.setRequest(null);
        event.setUser(null);
        return event;
      });
    });
    return new SentryReporter(true);
  }

  public boolean enabled() {
    return enabled;
  }

  public void report(Throwable failure, int status, String method, String route, String requestId) {
    if (!enabled) return;
    SentryEvent event = new SentryEvent(failure);
    event.setLevel(SentryLevel.ERROR);
    Message message = new Message();
    message.setMessage(method + " " + route + " -> " + status);
    event.setMessage(message);
    event.setTag("route", route);
    event.setTag("method", method);
    event.setTag("status", Integer.toString(status));
    event.setTag("request_id", requestId);
    Sentry.captureEvent(event);
  }

  /** At most one event per kind of failure per minute: an outage is one issue, not one per request. */
  public void reportSampled(String kind, Throwable failure, int status, String method, String route, String requestId) {
    if (enabled && sampler.allow(kind)) report(failure, status, method, route, requestId);
  }

  public void close() {
    if (!enabled) return;
    Sentry.flush(2_000);
    Sentry.close();
  }
}
