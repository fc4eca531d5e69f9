// Start-up: navigation state, flags, the live banner, the service worker, error reporting, then the page.
import { startBanner } from '/assets/banner.js';
import { refreshCartCount } from '/assets/cartCount.js';
import { startErrorReporting } from '/assets/errors.js';
import { startFlags } from '/assets/flags.js';
import { startOfflineSupport } from '/assets/pwa.js';
import { navigate, render, startRouter } from '/assets/router.js';
import { onSessionChange, signedIn, signOut } from '/assets/session.js';

function showSession(isIn) {
  for (const el of document.querySelectorAll('[data-when]')) {
    el.hidden = el.dataset.when !== (isIn ? 'signed-in' : 'signed-out');
  }
  refreshCartCount();
}

startErrorReporting().catch(() => {});
showSession(signedIn());
onSessionChange((isIn) => {
  showSession(isIn);
  // Signed out (here or in another tab): pages that need the sign-in send the visitor to sign in.
  if (!isIn) render();
});
document.querySelector('[data-testid="nav-signout"]').addEventListener('click', async () => {
  await signOut();
  navigate('/');
});
startBanner();
startFlags().catch(() => {});
startOfflineSupport();
startRouter();
