// Product page: image, price, live stock, add to cart.
import { api, ApiError, SignInNeeded } from '/assets/api.js';
import { announceStock } from '/assets/banner.js';
import { showCartCount } from '/assets/cartCount.js';
import { formatMoney, formError, h } from '/assets/dom.js';
import { useInventoryStream } from '/assets/inventoryStream.js';
import { onCatalogRefreshed } from '/assets/pwa.js';
import { notFound } from '/assets/pages/notFound.js';
import { signedIn } from '/assets/session.js';
import { setStock } from '/assets/pages/listing.js';

export async function render({ params, navigate }) {
  const id = params[0];
  if (!/^[1-9]\d{0,17}$/.test(id)) return notFound('Product');
  let product;
  try {
    product = await api(`/api/v1/products/${id}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return notFound('Product');
    throw e;
  }
  const stock = h('p', { testid: 'product-stock' });
  const quantity = h('input', { id: 'quantity', name: 'quantity', type: 'number', min: 1, max: 99, value: 1, inputmode: 'numeric', required: true, testid: 'quantity' });
  const add = h('button', { type: 'submit', testid: 'add-to-cart' }, 'Add to cart');
  const added = h('p', { class: 'notice', role: 'status', testid: 'added-to-cart' });
  const error = formError();
  const price = h('p', { class: 'price', testid: 'product-price' });
  const show = (p) => {
    setStock(stock, p.stock);
    price.textContent = formatMoney(p.price, p.currency);
    add.disabled = p.stock <= 0;
  };
  show(product);

  const form = h('form', { class: 'buy', novalidate: true },
    h('div', {}, h('label', { for: 'quantity' }, 'Quantity'), quantity), add);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    added.textContent = '';
    if (!signedIn()) {
      navigate(`/signin?next=${encodeURIComponent(`/products/${id}`)}`);
      return;
    }
    const wanted = Number(quantity.value);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 99) {
      error.textContent = 'Quantity: a whole number from 1 to 99.';
      quantity.focus();
      return;
    }
    add.disabled = true;
    try {
      const cart = await api('/api/v1/cart', { auth: true });
      const line = cart.items.find((l) => String(l.productId) === id);
      const total = Math.min(99, (line ? line.quantity : 0) + wanted);
      const updated = await api(`/api/v1/cart/items/${id}`, { method: 'PUT', auth: true, body: { quantity: total } });
      showCartCount(updated);
      added.textContent = `Added ${wanted} × ${product.name} to your cart (${total} in the cart).`;
    } catch (err) {
      if (err instanceof SignInNeeded) navigate(`/signin?next=${encodeURIComponent(`/products/${id}`)}`);
      else error.textContent = err.message;
    } finally {
      add.disabled = Number(stock.dataset.stock) <= 0;
    }
  });

  const closeStream = useInventoryStream([product.id], (event) => {
    product = { ...product, stock: event.stock };
    show(product);
    announceStock(product.name, event.stock, product.id);
  }, { onReset: () => reload() });
  const reload = () => api(`/api/v1/products/${id}`).then((p) => {
    product = p;
    show(p);
  }).catch(() => {});
  const stopRefreshed = onCatalogRefreshed((url) => {
    if (new URL(url, location.href).pathname === `/api/v1/products/${id}`) reload();
  });

  const node = h('article', { class: 'product' },
    h('img', { src: product.imageUrl, alt: product.name, width: 600, height: 600, testid: 'product-image', decoding: 'async' }),
    h('div', {},
      h('h1', { testid: 'product-name' }, product.name),
      price, stock,
      form, error, added,
      h('p', {}, h('a', { href: '/cart' }, 'View cart')),
      h('p', {}, product.description)));
  return { title: product.name, node, cleanup: () => { closeStream(); stopRefreshed(); } };
}
