import { h } from '/assets/dom.js';

export function notFound(what = 'Page') {
  return {
    title: 'Not found',
    node: h('section', {}, h('h1', {}, `${what} not found`), h('p', {}, h('a', { href: '/' }, 'Back to the products'))),
  };
}
