-- Warming: only products on sale are stored as found; a withdrawn one is loaded (as not found) on demand.
SELECT id, sku, name, description, category_id, price_cents, currency, stock, image_key, created_at, updated_at
FROM products
WHERE id > $1 AND active
ORDER BY id
LIMIT $2
