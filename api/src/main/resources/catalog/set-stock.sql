WITH before AS (SELECT id, stock FROM products WHERE id = $1 FOR UPDATE)
UPDATE products p
SET stock = $2, updated_at = now()
FROM before
WHERE p.id = before.id
RETURNING p.category_id, before.stock AS old_stock, p.stock
