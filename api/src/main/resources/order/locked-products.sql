SELECT id, active, price_cents, currency FROM products WHERE id = ANY($1) ORDER BY id
