// The signed-in user's orders, newest first, 20 a page (keyset: ?before=<last id>).
import { api } from '/assets/api.js';
import { formatCents, formatDate, h } from '/assets/dom.js';
import { STATUS_TEXT } from '/assets/pages/order.js';

const LIMIT = 20;

export async function render({ url }) {
  const before = url.searchParams.get('before');
  const query = new URLSearchParams({ limit: String(LIMIT) });
  if (/^[1-9]\d{0,17}$/.test(before || '')) query.set('before', before);
  const page = await api(`/api/v1/orders?${query}`, { auth: true });
  const body = page.items.length === 0
    ? h('p', {}, before ? 'No older orders.' : 'No orders yet. ', h('a', { href: '/' }, 'Browse the products'))
    : h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Placed'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
      h('tbody', {}, page.items.map((o) => h('tr', { testid: 'order-row', dataset: { orderId: String(o.id) } },
        h('td', {}, h('a', { href: `/orders/${o.id}` }, `Order ${o.id}`)),
        h('td', {}, formatDate(o.createdAt)),
        h('td', { dataset: { status: o.status } }, STATUS_TEXT[o.status] || o.status),
        h('td', { class: 'num' }, formatCents(o.totalCents, o.currency))))));
  const last = page.items[page.items.length - 1];
  return {
    title: 'Orders',
    node: h('section', {}, h('h1', {}, 'Your orders'), body,
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        before ? h('a', { href: '/orders' }, 'Newest orders') : null,
        page.items.length === LIMIT ? h('a', { href: `/orders?before=${last.id}` }, 'Older orders') : null)),
  };
}
