-- A product that is unknown or withdrawn from sale gets no row: the caller compares the counts.
INSERT INTO cart_items (user_id, product_id, quantity)
SELECT $1, p.id, i.quantity
FROM unnest($2::bigint[], $3::int[]) AS i (product_id, quantity)
JOIN products p ON p.id = i.product_id AND p.active
