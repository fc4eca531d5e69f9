-- The cart lines as cart-lines.sql reads them, with the user's cart rows locked until the
-- transaction ends: a second checkout of the same cart (another tab, a double click with its own
-- idempotency key) waits here, then finds the cart emptied by the first.
SELECT c.product_id, p.sku, p.name, p.price_cents, p.currency, p.stock, p.active, c.quantity
FROM cart_items c
JOIN products p ON p.id = c.product_id
WHERE c.user_id = $1
ORDER BY c.product_id
FOR UPDATE OF c
