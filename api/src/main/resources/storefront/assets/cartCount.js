// The item count in the navigation's cart link.
import { api } from '/assets/api.js';
import { signedIn } from '/assets/session.js';

export function showCartCount(cart) {
  const count = cart ? cart.items.reduce((n, line) => n + line.quantity, 0) : 0;
  const el = document.querySelector('[data-testid="cart-count"]');
  if (el) el.textContent = String(count);
}

export async function refreshCartCount() {
  if (!signedIn()) {
    showCartCount(null);
    return;
  }
  try {
    showCartCount(await api('/api/v1/cart', { auth: true }));
  } catch {
    // The count is a convenience; the cart page shows errors.
  }
}
