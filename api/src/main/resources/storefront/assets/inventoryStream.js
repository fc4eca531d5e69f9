// useInventoryStream: live stock for the products a page shows (at most 100, as the API allows).
import { resumableStream, withLastEventId } from '/assets/stream.js';

const MAX_PRODUCTS = 100;

/**
 * Calls onStock({productId, stock, inStock, at}) for every stock change of these products, resuming
 * without loss across reconnects; onReset() when the server could not replay a gap (refetch then).
 * Returns the function that closes the stream.
 */
export function useInventoryStream(productIds, onStock, { onReset } = {}) {
  const ids = [...new Set(productIds.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_PRODUCTS);
  if (ids.length === 0) return () => {};
  const wanted = new Set(ids);
  const path = `/api/v1/inventory/stream?products=${ids.join(',')}`;
  return resumableStream((lastEventId) => withLastEventId(path, lastEventId), {
    stock: (data) => {
      if (wanted.has(Number(data.productId))) onStock(data);
    },
  }, { onReset });
}
