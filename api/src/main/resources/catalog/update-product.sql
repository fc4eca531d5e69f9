UPDATE products
SET name        = COALESCE($2, name),
    description = COALESCE($3, description),
    price_cents = COALESCE($4, price_cents),
    active      = COALESCE($5, active),
    updated_at  = now()
WHERE id = $1
RETURNING category_id
