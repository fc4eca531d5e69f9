// The live stock banner (flag liveStockBanner): one polite status region in the shell, empty until
// a shown product's stock changes, hidden while the flag is off.
import { onFlags, flag } from '/assets/flags.js';

function region() {
  return document.getElementById('stock-banner');
}

export function announceStock(productName, stock, productId) {
  const el = region();
  if (!el || !flag('liveStockBanner')) return;
  el.dataset.productId = String(productId);
  el.textContent = stock > 0
    ? `Stock update: ${productName} now has ${stock} in stock.`
    : `Stock update: ${productName} is now out of stock (0 left).`;
}

export function clearBanner() {
  const el = region();
  if (!el) return;
  el.textContent = '';
  delete el.dataset.productId;
}

export function startBanner() {
  onFlags((isOn) => {
    const el = region();
    if (!el) return;
    el.hidden = !isOn('liveStockBanner');
    if (el.hidden) clearBanner();
  });
}
