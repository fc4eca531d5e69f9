INSERT INTO order_items (order_id, product_id, name, quantity, unit_price_cents)
SELECT $1, i.product_id, i.name, i.quantity, i.unit_price_cents
FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[]) AS i (product_id, name, quantity, unit_price_cents)
