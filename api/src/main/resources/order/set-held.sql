UPDATE orders SET stock_held = $2, updated_at = now() WHERE id = ANY($1)
