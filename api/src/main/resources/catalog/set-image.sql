UPDATE products
SET image_key  = $2,
    updated_at = now()
WHERE id = $1
RETURNING category_id
