INSERT INTO orders (user_id, status, currency, total_cents, shipping_address, payment_reference,
                    reservation_expires_at)
VALUES ($1, 'awaiting_payment', $2, $3, $4, $5, now() + make_interval(mins => $6))
RETURNING id
