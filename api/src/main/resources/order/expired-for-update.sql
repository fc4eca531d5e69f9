-- SKIP LOCKED: instances sweeping at the same time take disjoint orders and never wait on each other.
SELECT id, user_id
FROM orders
WHERE status = 'awaiting_payment' AND reservation_expires_at < now()
ORDER BY id
LIMIT $1
FOR UPDATE SKIP LOCKED
