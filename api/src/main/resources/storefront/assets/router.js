// Client-side routing over the page URLs the server answers with the shell. Each page module
// exports render(ctx) -> {title, node, cleanup?}; the router swaps it into <main>, moves focus to
// its heading, and marks body[data-ready] once the page shows its data.
import { SignInNeeded } from '/assets/api.js';
import { clearBanner } from '/assets/banner.js';
import { h, setReady } from '/assets/dom.js';
import * as listing from '/assets/pages/listing.js';
import * as product from '/assets/pages/product.js';
import * as account from '/assets/pages/account.js';
import * as cart from '/assets/pages/cart.js';
import * as checkout from '/assets/pages/checkout.js';
import * as orders from '/assets/pages/orders.js';
import * as order from '/assets/pages/order.js';
import * as profile from '/assets/pages/profile.js';
import { notFound } from '/assets/pages/notFound.js';

const ROUTES = [
  [/^\/$/, listing.render],
  [/^\/products\/([^/]+)$/, product.render],
  [/^\/signup$/, account.renderSignUp],
  [/^\/signin$/, account.renderSignIn],
  [/^\/cart$/, cart.render],
  [/^\/checkout$/, checkout.render],
  [/^\/orders$/, orders.render],
  [/^\/orders\/([^/]+)$/, order.render],
  [/^\/profile$/, profile.render],
];

let cleanup = null;
let current = 0;
let first = true;
let rendered = null; // path and query of the page on screen

function match(pathname) {
  for (const [pattern, render] of ROUTES) {
    const m = pattern.exec(pathname);
    if (m) return { render, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** Goes to a page URL of this storefront (other URLs load normally). */
export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, location.href);
  if (url.origin !== location.origin || !match(url.pathname)) {
    location.assign(url.href);
    return Promise.resolve();
  }
  if (replace) history.replaceState(null, '', url.href);
  else history.pushState(null, '', url.href);
  scrollTo(0, 0);
  return render();
}

/** Where to come back to after signing in. */
export function here() {
  return location.pathname + location.search;
}

export async function render() {
  const id = ++current;
  if (cleanup) cleanup();
  cleanup = null;
  setReady(false);
  clearBanner();
  const main = document.getElementById('main');
  const url = new URL(location.href);
  rendered = url.pathname + url.search;
  const route = match(url.pathname);
  let page;
  try {
    if (!route) page = notFound();
    else page = await route.render({ url, params: route.params, isCurrent: () => id === current, navigate });
  } catch (e) {
    if (id !== current) return;
    if (e instanceof SignInNeeded) {
      navigate(`/signin?next=${encodeURIComponent(here())}`, { replace: true });
      return;
    }
    page = failed(e);
  }
  if (id !== current) {
    if (page && page.cleanup) page.cleanup();
    return;
  }
  cleanup = page.cleanup || null;
  main.replaceChildren(page.node);
  document.title = page.title ? `${page.title} — Storefront` : 'Storefront';
  if (!first) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else main.focus();
  }
  first = false;
  setReady(true);
}

function failed(error) {
  // status 0: no answer at all (offline, or the server is unreachable).
  const heading = error.status === 0 ? (navigator.onLine ? 'The server did not answer' : 'You are offline') : 'Something went wrong';
  return {
    title: heading,
    node: h('section', {}, h('h1', {}, heading),
      h('p', { role: 'alert', class: 'error', testid: 'form-error' }, error.message || String(error)),
      h('p', {}, h('button', { type: 'button', onclick: () => render() }, 'Try again'))),
  };
}

function routable(anchor, event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target || anchor.hasAttribute('download') || anchor.rel === 'external') return false;
  const url = new URL(anchor.href, location.href);
  // A link within this page (the skip link's "#main") is the browser's: it scrolls and moves focus.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return false;
  return url.origin === location.origin && match(url.pathname) !== null;
}

export function startRouter() {
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest && event.target.closest('a[href]');
    if (!anchor || !routable(anchor, event)) return;
    event.preventDefault();
    navigate(anchor.href);
  });
  // Back and forward render the page they land on; a move within the page (a "#fragment", which
  // fires popstate too) keeps it, so the browser's own scroll and focus stand.
  addEventListener('popstate', () => {
    if (location.pathname + location.search !== rendered) render();
  });
  return render();
}
