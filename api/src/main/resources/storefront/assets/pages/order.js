// One order: live status (from the user's event stream) and, while it awaits payment, the pay link.
import { api, ApiError } from '/assets/api.js';
import { clientConfig } from '/assets/config.js';
import { formatCents, formatDate, h } from '/assets/dom.js';
import { useMyStream } from '/assets/meStream.js';
import { notFound } from '/assets/pages/notFound.js';

export const STATUS_TEXT = {
  awaiting_payment: 'Awaiting payment', paid: 'Paid', cancelled: 'Cancelled', refunded: 'Refunded',
  refund_required: 'Paid too late: a refund is on its way',
};

/** The provider's hosted payment page for this order, as the storefront contract spells it. */
export function payUrl(paymentPageUrl, order, origin) {
  const url = new URL(paymentPageUrl);
  url.searchParams.set('reference', order.payment.reference);
  url.searchParams.set('order', String(order.id));
  url.searchParams.set('amount', String(order.totalCents));
  url.searchParams.set('currency', order.currency);
  url.searchParams.set('return', `${origin}/orders/${order.id}`);
  return url.href;
}

export async function render({ params }) {
  const id = params[0];
  if (!/^[1-9]\d{0,17}$/.test(id)) return notFound('Order');
  let order;
  const [config] = await Promise.all([clientConfig(), api(`/api/v1/orders/${id}`, { auth: true }).then((o) => { order = o; }).catch((e) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) order = null;
    else throw e;
  })]);
  if (!order) return notFound('Order');

  const status = h('span', { class: 'status', testid: 'order-status' });
  const pay = h('p');
  const expiry = h('p', { class: 'hint' });
  const show = (o) => {
    status.dataset.status = o.status;
    status.textContent = STATUS_TEXT[o.status] || o.status;
    const payable = o.status === 'awaiting_payment' && config.paymentPageUrl;
    pay.replaceChildren(payable
      ? h('a', { class: 'button', testid: 'pay', rel: 'external', href: payUrl(config.paymentPageUrl, o, location.origin) },
        `Pay ${formatCents(o.totalCents, o.currency)}`)
      : '');
    expiry.textContent = o.status === 'awaiting_payment' ? `Pay before ${formatDate(o.reservationExpiresAt)} to keep the items reserved.` : '';
    if (o.status === 'awaiting_payment' && !config.paymentPageUrl) pay.textContent = 'Online payment is not available here.';
  };
  show(order);
  const reload = () => api(`/api/v1/orders/${id}`, { auth: true }).then((o) => { order = o; show(o); }).catch(() => {});
  const close = useMyStream({
    order: (event) => {
      if (String(event.orderId) !== id) return;
      show({ ...order, status: event.status });
      reload();
    },
  }, { onReset: reload });

  const a = order.shippingAddress;
  const node = h('article', {},
    h('h1', {}, `Order ${order.id}`),
    h('p', { role: 'status' }, 'Status: ', status),
    expiry, pay,
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col', class: 'num' }, 'Quantity'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
      h('tbody', {}, order.items.map((l) => h('tr', {}, h('td', {}, h('a', { href: `/products/${l.productId}` }, l.name)),
        h('td', { class: 'num' }, String(l.quantity)), h('td', { class: 'num' }, formatCents(l.lineTotalCents, order.currency)))))),
    h('p', { class: 'price' }, `Total: ${formatCents(order.totalCents, order.currency)}`),
    h('h2', {}, 'Shipping to'),
    h('address', {}, a.name, h('br'), a.line1, a.line2 ? [h('br'), a.line2] : null, h('br'), `${a.postalCode} ${a.city}`, h('br'), a.country),
    h('p', {}, h('a', { href: '/orders' }, 'All orders')));
  return { title: `Order ${order.id}`, node, cleanup: close };
}
