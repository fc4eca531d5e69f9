SELECT id, user_id, status, total_cents FROM orders WHERE payment_reference = $1 FOR UPDATE
