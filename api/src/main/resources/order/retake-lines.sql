-- The order's lines and whether each product still has the units it needs, with the product rows
-- locked in ascending id (every stock writer's lock order), so the answer holds until the
-- transaction ends.
SELECT i.product_id, i.quantity, p.stock >= i.quantity AS enough
FROM order_items i
JOIN products p ON p.id = i.product_id
WHERE i.order_id = $1
ORDER BY p.id
FOR UPDATE OF p
