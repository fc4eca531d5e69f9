SELECT min(id) FROM products WHERE id = ANY($1) AND NOT active
