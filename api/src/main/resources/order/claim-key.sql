-- A concurrent request with the same key waits here until the first commits (then finds its row)
-- or rolls back (then claims the key itself).
INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body)
VALUES ($1, $2, $3, 0, '\x')
ON CONFLICT (user_id, key) DO NOTHING
RETURNING 1
