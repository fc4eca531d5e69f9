// Checks a rendered page against the basics a screen-reader and keyboard user, and a layout-shift
// budget, need; returns a list of findings (empty when the page passes). Run with page.evaluate.
() => {
  const findings = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '') + (el.name ? `[name=${el.name}]` : '');
  const nameOf = (el) => (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim()
    || (el.labels ? [...el.labels].map((l) => l.textContent).join(' ').trim() : '')
    || (el.textContent || '').trim() || (el.getAttribute('title') || '').trim()
    || (el.querySelector('img[alt]')?.getAttribute('alt') || '').trim();

  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !visible(el)) continue;
    const label = (el.labels && [...el.labels].some((l) => l.textContent.trim())) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    if (!label) findings.push(`form control without a label: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (visible(el) && !nameOf(el)) findings.push(`link or button without a name: ${describe(el)}`);
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) findings.push(`image without alt: ${img.src}`);
    if (!img.getAttribute('width') || !img.getAttribute('height')) findings.push(`image without width and height: ${img.src}`);
  }
  const h1s = [...document.querySelectorAll('h1')].filter(visible);
  if (h1s.length !== 1) findings.push(`${h1s.length} visible h1 headings`);
  if (!document.documentElement.lang) findings.push('no lang on <html>');
  if (!document.title.trim()) findings.push('no document title');

  // WCAG 2 contrast of every visible text against the first opaque background behind it.
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || seen.has(el) || !visible(el)) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    if (s.clip === 'rect(0px, 0px, 0px, 0px)' || el.closest('[aria-hidden=true]')) continue;
    const fg = rgb(s.color).slice(0, 3);
    const [l1, l2] = [luminance(fg), luminance(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) findings.push(`contrast ${ratio.toFixed(2)}:1 for "${n.textContent.trim().slice(0, 40)}" (${describe(el)})`);
  }
  const shift = (window.__layoutShift || 0);
  if (shift > 0.1) findings.push(`cumulative layout shift ${shift.toFixed(3)} (over 0.1)`);
  return findings;
}
