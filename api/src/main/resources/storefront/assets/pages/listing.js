// Product listing: search, category, sort, facets, pages; availability per card, exact stock live.
import { api, ApiError } from '/assets/api.js';
import { announceStock } from '/assets/banner.js';
import { formatMoney, h } from '/assets/dom.js';
import { useInventoryStream } from '/assets/inventoryStream.js';
import { categoryIndex, categoryOptions } from '/assets/pages/categories.js';
import { stockText } from '/assets/pages/stock.js';

const SIZE = 20;
const SORTS = [['relevance', 'Relevance'], ['popularity', 'Popularity'], ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'], ['name', 'Name'], ['newest', 'Newest']];
const PRICE = /^\d{1,7}(\.\d{1,2})?$/;

/** The listing's query from the page URL, dropping what the API would refuse. */
export function listingQuery(url) {
  const p = url.searchParams;
  const out = new URLSearchParams();
  const q = (p.get('q') || '').trim().slice(0, 100);
  if (q) out.set('q', q);
  if (/^\d{1,9}$/.test(p.get('category') || '') && Number(p.get('category')) > 0) out.set('category', p.get('category'));
  for (const bound of ['minPrice', 'maxPrice']) if (PRICE.test(p.get(bound) || '')) out.set(bound, p.get(bound));
  const sort = p.get('sort');
  if (SORTS.some(([value]) => value === sort)) out.set('sort', sort);
  const page = Number(p.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 500) out.set('page', String(page));
  return out;
}

function pageUrl(query, changes) {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '' || value === undefined) next.delete(key);
    else next.set(key, String(value));
  }
  const s = next.toString();
  return s ? `/?${s}` : '/';
}

export async function render({ url, navigate }) {
  const query = listingQuery(url);
  const listingUrl = `/api/v1/products?${new URLSearchParams([...query, ['size', String(SIZE)]])}`;
  const facetQuery = new URLSearchParams(query);
  facetQuery.delete('page');
  facetQuery.delete('sort');
  const [tree, listing, facets] = await Promise.all([
    api('/api/v1/categories').catch(() => ({ items: [] })),
    api(listingUrl).catch((e) => e),
    api(`/api/v1/product-facets?${facetQuery}`).catch(() => null),
  ]);
  const categories = categoryIndex(tree.items);
  const q = query.get('q') || '';
  const title = q ? `Results for “${q}”` : query.get('category') ? (categories.get(Number(query.get('category')))?.name || 'Products') : 'Products';

  const form = searchForm(query, tree.items, navigate);
  const results = h('section', { 'aria-labelledby': 'results-heading' }, h('h2', { id: 'results-heading', class: 'visually-hidden' }, 'Results'));
  const cards = new Map();
  if (listing instanceof ApiError) {
    results.append(h('p', { class: 'error', role: 'alert', testid: 'form-error' }, listing.message));
  } else {
    const n = listing.total;
    results.append(h('p', { testid: 'result-count' }, listing.totalExact ? `${n} ${n === 1 ? 'product' : 'products'}` : `More than ${n} products`));
    const grid = h('ul', { class: 'grid' });
    listing.items.forEach((item, i) => {
      const card = productCard(item, i < 4);
      cards.set(item.id, { item, stock: card.querySelector('[data-testid="product-stock"]') });
      grid.append(card);
    });
    results.append(grid);
    const pageNo = listing.page;
    results.append(h('nav', { class: 'pager', 'aria-label': 'Pages' },
      pageNo > 1 ? h('a', { href: pageUrl(query, { page: pageNo - 1 === 1 ? null : pageNo - 1 }), testid: 'prev-page', rel: 'prev' }, '← Previous page') : null,
      h('span', {}, `Page ${pageNo}`),
      listing.hasNext ? h('a', { href: pageUrl(query, { page: pageNo + 1 }), testid: 'next-page', rel: 'next' }, 'Next page →') : null));
  }
  // Cards show availability from the listing itself (one request per page, not one per card);
  // the stream then gives each shown product's exact level as it changes.
  const reloadAvailability = () => api(listingUrl).then((fresh) => fresh.items.forEach((item) => {
    const card = cards.get(item.id);
    if (card && card.stock.dataset.stock === undefined) setAvailability(card.stock, item.inStock);
  })).catch(() => {});
  const closeStream = useInventoryStream([...cards.keys()], (event) => {
    const card = cards.get(Number(event.productId));
    if (!card) return;
    setStock(card.stock, event.stock);
    announceStock(card.item.name, event.stock, event.productId);
  }, { onReset: reloadAvailability });

  const node = h('div', {},
    h('h1', {}, title),
    form,
    h('div', { class: 'layout' }, facetPanel(facets, categories, query, currencyOf(listing)), results));
  return { title, node, cleanup: closeStream };
}

function searchForm(query, tree, navigate) {
  const sortSelect = h('select', { id: 'sort', name: 'sort', testid: 'sort' },
    h('option', { value: '' }, 'Default'),
    SORTS.map(([value, label]) => h('option', { value, selected: query.get('sort') === value }, label)));
  const category = h('select', { id: 'category', name: 'category', testid: 'category-filter' },
    h('option', { value: '' }, 'All categories'),
    categoryOptions(tree).map(([id, label]) => h('option', { value: String(id), selected: query.get('category') === String(id) }, label)));
  const form = h('form', { role: 'search', action: '/', method: 'get', class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'q' }, 'Search'),
      h('input', { id: 'q', name: 'q', type: 'search', value: query.get('q') || '', maxlength: 100, testid: 'search-input', autocomplete: 'off' })),
    h('div', { class: 'field' }, h('label', { for: 'category' }, 'Category'), category),
    h('div', { class: 'field' }, h('label', { for: 'sort' }, 'Sort by'), sortSelect),
    h('button', { type: 'submit', testid: 'search-submit' }, 'Search'));
  const go = () => {
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const key of ['q', 'category', 'sort']) {
      const value = String(data.get(key) || '').trim();
      if (value) next.set(key, value);
    }
    for (const key of ['minPrice', 'maxPrice']) if (query.get(key)) next.set(key, query.get(key));
    navigate(next.toString() ? `/?${next}` : '/');
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go();
  });
  category.addEventListener('change', go);
  sortSelect.addEventListener('change', go);
  return form;
}

function productCard(item, eager) {
  const stock = h('p', { testid: 'product-stock' });
  setAvailability(stock, item.inStock);
  return h('li', { class: 'card', testid: 'product-card', dataset: { productId: String(item.id) } },
    h('img', { src: item.imageUrl, alt: '', width: 300, height: 300, loading: eager ? 'eager' : 'lazy', decoding: 'async' }),
    h('a', { href: `/products/${item.id}` }, item.name),
    h('p', { class: 'price' }, formatMoney(item.price, item.currency)),
    stock);
}

function setAvailability(el, inStock) {
  el.textContent = inStock ? 'In stock' : 'Out of stock';
  el.className = inStock ? 'stock-in' : 'stock-out';
}

export function setStock(el, stock) {
  el.dataset.stock = String(stock);
  el.textContent = stockText(stock);
  el.className = stock > 0 ? 'stock-in' : 'stock-out';
}

function currencyOf(listing) {
  return (!(listing instanceof ApiError) && listing.items[0] && listing.items[0].currency) || 'EUR';
}

function facetPanel(facets, categories, query, currency) {
  const panel = h('aside', { testid: 'facets', 'aria-label': 'Filters', class: 'facets' });
  if (!facets) return panel;
  panel.append(h('p', {}, `${facets.inStock} of ${facets.total} in stock`));
  if (facets.categories.length > 0) {
    panel.append(h('h2', {}, 'Categories'), h('ul', {}, facets.categories.map((c) => h('li', {},
      h('a', { href: pageUrl(query, { category: c.id, page: null }), 'aria-current': query.get('category') === String(c.id) ? 'true' : null },
        categories.get(c.id)?.name || `Category ${c.id}`), ` (${c.count})`))));
  }
  panel.append(h('h2', {}, 'Price'), h('ul', {}, facets.prices.filter((b) => b.count > 0).map((band) => h('li', {},
    h('a', { href: pageUrl(query, { minPrice: band.min.toFixed(2), maxPrice: band.max === undefined ? null : band.max.toFixed(2), page: null }) },
      band.max === undefined ? `${formatMoney(band.min, currency)} and up` : `${formatMoney(band.min, currency)} – ${formatMoney(band.max, currency)}`),
    ` (${band.count})`))));
  if ([...query.keys()].some((k) => k !== 'sort')) panel.append(h('p', {}, h('a', { href: '/' }, 'Clear search and filters')));
  return panel;
}
