-- SKU lookups resolve to the id, then read the product page through its cache like any PDP.
SELECT id FROM products WHERE sku = $1
