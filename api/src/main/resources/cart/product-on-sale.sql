SELECT 1 FROM products WHERE id = $1 AND active
