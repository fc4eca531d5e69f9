INSERT INTO points_ledger (user_id, order_id, points, reason) VALUES ($1, $2, $3, $4)
ON CONFLICT (order_id, reason) DO NOTHING
RETURNING points
