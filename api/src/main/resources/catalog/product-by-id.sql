-- The public page: a product withdrawn from sale is answered like an unknown one.
SELECT id, sku, name, description, category_id, price_cents, currency, stock, image_key, created_at, updated_at
FROM products
WHERE id = $1 AND active
