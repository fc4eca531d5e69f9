SELECT id, sku, name, description, category_id, price_cents, currency, stock, image_key, created_at, updated_at,
       active
FROM products
WHERE id = $1
