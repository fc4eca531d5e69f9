SELECT i.product_id, sum(i.quantity)::int AS quantity
FROM order_items i
JOIN orders o ON o.id = i.order_id
WHERE i.order_id = ANY($1) AND o.stock_held
GROUP BY i.product_id
