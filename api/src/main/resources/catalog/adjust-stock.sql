-- Conditional: a decrement that would go below zero changes nothing and returns no row.
UPDATE products
SET stock = stock + $2, updated_at = now()
WHERE id = $1 AND stock + $2 >= 0
RETURNING category_id, stock - $2 AS old_stock, stock
