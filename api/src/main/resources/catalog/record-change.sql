INSERT INTO catalog_changes (product_id) VALUES ($1)
