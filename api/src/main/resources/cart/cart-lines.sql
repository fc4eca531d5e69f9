SELECT c.product_id, p.sku, p.name, p.price_cents, p.currency, p.stock, p.active, c.quantity
FROM cart_items c
JOIN products p ON p.id = c.product_id
WHERE c.user_id = $1
ORDER BY c.product_id
