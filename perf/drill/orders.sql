-- Orders, payments and points beside the seeded catalog, for timing the restore drill:
-- per 10,000 products, 5,000 customers and 20,000 orders of 1-3 items (90% paid and credited with
-- points, 10% awaiting payment). Deterministic. Run after `seed --products N` with N = 10,000 x scale:
--   psql "$DATABASE_URL" -v scale=1 -f perf/drill/orders.sql
SELECT setseed(0.42);
INSERT INTO users (email, password_hash, display_name)
SELECT 'drill-' || g || '@example.test', '$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC1zYWx0$bm90LWEtcmVhbC1oYXNo', 'Customer ' || g
FROM generate_series(1, 5000 * :scale) g;

CREATE TEMP TABLE drill_orders AS
SELECT g AS n, (SELECT min(id) FROM users WHERE email LIKE 'drill-%') + (g % (5000 * :scale)) AS user_id,
       CASE WHEN g % 10 = 0 THEN 'awaiting_payment' ELSE 'paid' END AS status
FROM generate_series(1, 20000 * :scale) g;

INSERT INTO orders (user_id, status, currency, total_cents, shipping_address, payment_reference, stock_held,
                    reservation_expires_at)
SELECT user_id, status, 'EUR', 0,
       '{"name":"Ada Lovelace","line1":"12 St James''s Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}',
       'pi_drill_' || n, status = 'awaiting_payment', now() + interval '15 minutes'
FROM drill_orders ORDER BY n;

INSERT INTO order_items (order_id, product_id, name, quantity, unit_price_cents)
SELECT o.id, p.id, p.name, 1 + (o.id % 3)::int, p.price_cents
FROM orders o
CROSS JOIN LATERAL generate_series(0, (o.id % 3)::int) k
JOIN products p ON p.id = 1 + ((o.id * 7919 + k * 104729) % (10000 * :scale))
WHERE o.payment_reference LIKE 'pi_drill_%'
ON CONFLICT DO NOTHING;

UPDATE orders o SET total_cents = t.total
FROM (SELECT order_id, sum(quantity::bigint * unit_price_cents) AS total FROM order_items GROUP BY order_id) t
WHERE t.order_id = o.id AND o.payment_reference LIKE 'pi_drill_%';

INSERT INTO payment_events (event_id, type, order_id, outcome)
SELECT 'evt_drill_' || id, 'payment_intent.succeeded', id, 'paid' FROM orders
WHERE status = 'paid' AND payment_reference LIKE 'pi_drill_%';

INSERT INTO points_ledger (user_id, order_id, points, reason)
SELECT user_id, id, (total_cents / 100)::int, 'order_paid' FROM orders
WHERE status = 'paid' AND payment_reference LIKE 'pi_drill_%';

INSERT INTO point_balances (user_id, points)
SELECT user_id, sum(points) FROM points_ledger GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET points = EXCLUDED.points;
