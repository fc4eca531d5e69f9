// Checkout: shipping address, then the order (awaiting payment). Each attempt has its own
// Idempotency-Key; resending the same address after an unanswered attempt reuses it, so a retry
// can never create a second order.
import { api, ApiError, SignInNeeded } from '/assets/api.js';
import { showCartCount } from '/assets/cartCount.js';
import { field, formatCents, formError, h } from '/assets/dom.js';

export async function render({ navigate }) {
  const cart = await api('/api/v1/cart', { auth: true });
  if (cart.items.length === 0) {
    return { title: 'Checkout', node: h('section', {}, h('h1', {}, 'Checkout'), h('p', {}, 'Your cart is empty. '), h('a', { href: '/' }, 'Browse the products')) };
  }
  const error = formError();
  const place = h('button', { type: 'submit', testid: 'place-order' }, 'Place order');
  const form = h('form', { class: 'form', novalidate: true },
    h('h2', {}, 'Shipping address'),
    field('address-name', 'Full name', { autocomplete: 'name', required: true, maxlength: 100, testid: 'address-name' }),
    field('address-line1', 'Address', { autocomplete: 'address-line1', required: true, maxlength: 200, testid: 'address-line1' }),
    field('address-city', 'City', { autocomplete: 'address-level2', required: true, maxlength: 100, testid: 'address-city' }),
    field('address-postal-code', 'Postal code', { autocomplete: 'postal-code', required: true, maxlength: 20, testid: 'address-postal-code' }),
    field('address-country', 'Country', { autocomplete: 'country', required: true, maxlength: 2, testid: 'address-country' }, '(two-letter code, such as FR)'),
    error, place);
  let pending = null; // { key, body } of an attempt whose outcome is unknown
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    const text = (name) => String(data.get(name) || '').trim();
    const body = JSON.stringify({ shippingAddress: { name: text('address-name'), line1: text('address-line1'),
      city: text('address-city'), postalCode: text('address-postal-code'), country: text('address-country').toUpperCase() } });
    if (!pending || pending.body !== body) pending = { key: crypto.randomUUID(), body };
    place.disabled = true;
    try {
      const order = await api('/api/v1/checkout', { method: 'POST', auth: true, body: JSON.parse(body), headers: { 'Idempotency-Key': pending.key } });
      pending = null;
      showCartCount(null);
      await navigate(`/orders/${order.id}`);
    } catch (err) {
      if (err instanceof SignInNeeded) {
        navigate(`/signin?next=${encodeURIComponent('/checkout')}`);
        return;
      }
      // Refused (4xx): the next attempt is a new one. Unanswered or 5xx: retry under the same key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) pending = null;
      error.textContent = err.message;
    } finally {
      place.disabled = false;
    }
  });
  const summary = h('section', { 'aria-labelledby': 'summary-heading' }, h('h2', { id: 'summary-heading' }, 'Order summary'),
    h('ul', {}, cart.items.map((l) => h('li', {}, `${l.quantity} × ${l.name} — ${formatCents(l.lineTotalCents, l.currency)}`))),
    h('p', { class: 'price' }, `Total: ${formatCents(cart.totalCents, cart.currency)}`));
  return { title: 'Checkout', node: h('section', {}, h('h1', {}, 'Checkout'), summary, form) };
}
