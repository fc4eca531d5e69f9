package dev.storefront.storefront;

import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URI;
import java.util.List;

/**
 * The reference storefront: every page URL answers with the same shell (the scripts render the
 * page), plus its hashed assets, service worker, manifest, icons and offline page. These answers
 * carry their own Content-Security-Policy; the API keeps its deny-all one.
 */
public final class StorefrontRoutes implements Feature {
  static final List<String> PAGES = List.of("getStorefrontHome", "getStorefrontProduct", "getStorefrontSignup",
      "getStorefrontSignin", "getStorefrontCart", "getStorefrontCheckout", "getStorefrontOrders",
      "getStorefrontOrder", "getStorefrontProfile");
  private final StorefrontSite site;
  private final CharSequence csp;

  public StorefrontRoutes(StorefrontSite site, String mediaBaseUrl) {
    this.site = site;
    this.csp = HttpHeaders.createOptimized(csp(mediaBaseUrl));
  }

  /**
   * What the pages load: their own scripts, styles, API and worker; images also from the media host.
   * The worker runs under this policy too and fetches those images for the pages (connect-src).
   */
  static String csp(String mediaBaseUrl) {
    String media = mediaOrigin(mediaBaseUrl);
    String extra = media == null ? "" : " " + media;
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + extra
        + "; connect-src 'self'" + extra + "; manifest-src 'self'; worker-src 'self'; "
        + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  /** The scheme, host and port of an absolute media URL; null when media is served from this origin. */
  static String mediaOrigin(String mediaBaseUrl) {
    if (!mediaBaseUrl.startsWith("http://") && !mediaBaseUrl.startsWith("https://")) return null;
    URI uri = URI.create(mediaBaseUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public void bind(RouterBuilder builder) {
    for (String page : PAGES) builder.getRoute(page).addHandler(this::shell);
    builder.getRoute("getStorefrontServiceWorker").addHandler(rc -> file(rc, "/sw.js"));
    builder.getRoute("getStorefrontManifest").addHandler(rc -> file(rc, "/manifest.webmanifest"));
    builder.getRoute("getStorefrontOffline").addHandler(rc -> file(rc, "/offline.html"));
    builder.getRoute("getStorefrontIcon").addHandler(rc -> file(rc, "/icons/" + rc.pathParam("file")));
    builder.getRoute("getStorefrontAsset").addHandler(rc -> file(rc, "/assets/" + rc.pathParam("file")));
  }

  private void shell(RoutingContext rc) {
    site.shell().send(rc.request(), rc.response(), csp);
  }

  private void file(RoutingContext rc, String path) {
    StaticFile file = site.file(path);
    if (file == null) {
      rc.fail(ProblemException.notFound("No such file"));
      return;
    }
    file.send(rc.request(), rc.response(), csp);
  }
}
