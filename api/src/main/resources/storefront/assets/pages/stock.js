export function stockText(stock) {
  return stock > 0 ? `${stock} in stock` : 'Out of stock';
}
