SELECT id, points, reason, order_id, created_at
FROM points_ledger
WHERE user_id = $1 AND id < $2
ORDER BY id DESC
LIMIT $3
