SELECT o.id, o.user_id, o.status, o.currency, o.total_cents, o.shipping_address, o.payment_reference,
       o.reservation_expires_at, o.created_at, o.updated_at,
       (SELECT json_agg(json_build_object(
                   'productId', i.product_id, 'name', i.name, 'quantity', i.quantity,
                   'unitPriceCents', i.unit_price_cents,
                   'lineTotalCents', i.quantity::bigint * i.unit_price_cents) ORDER BY i.product_id)
        FROM order_items i WHERE i.order_id = o.id) AS items
FROM orders o
