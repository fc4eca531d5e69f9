INSERT INTO point_balances (user_id, points) VALUES ($1, $2)
ON CONFLICT (user_id) DO UPDATE SET points = point_balances.points + EXCLUDED.points
RETURNING points
