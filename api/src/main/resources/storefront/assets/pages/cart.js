// Cart: lines with quantity and removal, total, link to checkout.
import { api } from '/assets/api.js';
import { showCartCount } from '/assets/cartCount.js';
import { formatCents, formError, h } from '/assets/dom.js';

export async function render() {
  const cart = await api('/api/v1/cart', { auth: true });
  const body = h('div');
  const error = formError();
  const draw = (c) => {
    showCartCount(c);
    // Keep keyboard focus on the control that was in use when the table is rebuilt.
    const focused = body.contains(document.activeElement) ? document.activeElement.id : null;
    body.replaceChildren(c.items.length === 0 ? emptyCart() : cartTable(c, change));
    const again = focused && document.getElementById(focused);
    if (again) again.focus();
    else if (focused) body.closest('section').querySelector('h1').focus();
  };
  const change = async (productId, quantity) => {
    error.textContent = '';
    try {
      const path = `/api/v1/cart/items/${productId}`;
      const updated = quantity > 0
        ? await api(path, { method: 'PUT', auth: true, body: { quantity } })
        : await api(path, { method: 'DELETE', auth: true });
      draw(updated || await api('/api/v1/cart', { auth: true }));
    } catch (e) {
      error.textContent = e.message;
    }
  };
  draw(cart);
  return { title: 'Cart', node: h('section', {}, h('h1', { tabindex: -1 }, 'Your cart'), error, body) };
}

function emptyCart() {
  return h('div', {}, h('p', {}, 'Your cart is empty.'), h('p', {}, h('a', { href: '/' }, 'Browse the products')));
}

function cartTable(cart, change) {
  const rows = cart.items.map((line) => {
    const qtyId = `qty-${line.productId}`;
    const qty = h('input', { id: qtyId, type: 'number', min: 1, max: 99, value: line.quantity, inputmode: 'numeric' });
    qty.addEventListener('change', () => {
      const n = Number(qty.value);
      if (Number.isInteger(n) && n >= 1 && n <= 99) change(line.productId, n);
    });
    return h('tr', { testid: 'cart-line', dataset: { productId: String(line.productId) } },
      h('td', {}, h('a', { href: `/products/${line.productId}` }, line.name),
        line.available ? null : h('p', { class: 'error' }, 'No longer on sale: remove it to check out.'),
        line.available && !line.inStock ? h('p', { class: 'stock-out' }, 'Out of stock') : null),
      h('td', { class: 'num' }, formatCents(line.unitPriceCents, line.currency)),
      h('td', {}, h('label', { for: qtyId, class: 'visually-hidden' }, `Quantity of ${line.name}`), qty),
      h('td', { class: 'num' }, formatCents(line.lineTotalCents, line.currency)),
      h('td', {}, h('button', { type: 'button', id: `remove-${line.productId}`, class: 'secondary', onclick: () => change(line.productId, 0) }, 'Remove',
        h('span', { class: 'visually-hidden' }, ` ${line.name}`))));
  });
  const blocked = cart.items.some((l) => !l.available);
  return h('div', {},
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col', class: 'num' }, 'Price'),
        h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col', class: 'num' }, 'Total'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, rows)),
    h('p', { class: 'price' }, 'Total: ', h('span', { testid: 'cart-total', dataset: { cents: String(cart.totalCents) } }, formatCents(cart.totalCents, cart.currency || 'EUR'))),
    blocked ? h('p', {}, 'Remove the lines no longer on sale to check out.')
      : h('p', {}, h('a', { href: '/checkout', class: 'button', testid: 'checkout' }, 'Checkout')));
}
