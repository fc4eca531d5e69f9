-- No row back: no such product on sale, or a new line in a cart that has reached its line limit.
INSERT INTO cart_items (user_id, product_id, quantity)
SELECT $1, p.id, $3
FROM products p
WHERE p.id = $2 AND p.active
  AND (EXISTS (SELECT 1 FROM cart_items WHERE user_id = $1 AND product_id = $2)
       OR (SELECT count(*) FROM cart_items WHERE user_id = $1) < $4)
ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
RETURNING product_id
