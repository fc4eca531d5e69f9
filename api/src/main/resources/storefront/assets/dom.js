// Small DOM helpers: elements are built with text nodes only, never from HTML strings.

/** h('a', {href: '/', dataset: {testid: 'x'}}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'testid') el.dataset.testid = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function byTestId(id, root = document) {
  return root.querySelector(`[data-testid="${id}"]`);
}

/** Tests wait on body[data-ready=true]: set once the current page has rendered its data. */
export function setReady(ready) {
  if (ready) document.body.dataset.ready = 'true';
  else delete document.body.dataset.ready;
}

export function formatMoney(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${Number(amount).toFixed(2)} ${currency}`;
  }
}

export function formatCents(cents, currency) {
  return formatMoney(cents / 100, currency);
}

export function formatDate(iso) {
  return new Date(iso).toLocaleString();
}

/** A labelled input inside a .field wrapper. */
export function field(id, label, attrs = {}, hint) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, ` ${hint}`) : null),
    h('input', { id, name: id, ...attrs }));
}

/** The form's alert region: role=alert so a message is read out when it appears. */
export function formError() {
  return h('p', { class: 'error', role: 'alert', testid: 'form-error' });
}
