WITH balance AS (SELECT coalesce((SELECT points FROM point_balances WHERE user_id = $1), 0) AS points)
SELECT balance.points,
       cur.name AS badge, cur.min_points AS badge_min,
       nxt.name AS next_badge, nxt.min_points AS next_min
FROM balance
LEFT JOIN LATERAL (SELECT name, min_points FROM badges WHERE min_points <= balance.points
                   ORDER BY min_points DESC LIMIT 1) cur ON true
LEFT JOIN LATERAL (SELECT name, min_points FROM badges WHERE min_points > balance.points
                   ORDER BY min_points LIMIT 1) nxt ON true
