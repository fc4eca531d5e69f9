SELECT pg_snapshot_xmin(s.snap)::text::bigint AS xmin,
       e.id, e.type, e.product_id, e.user_id,
       (e.payload || jsonb_build_object('at', to_char(e.created_at AT TIME ZONE 'UTC',
           'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text AS data,
       (extract(epoch FROM e.created_at) * 1000000)::bigint AS at_micros
FROM (SELECT pg_current_snapshot() AS snap) s
LEFT JOIN LATERAL (SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2) e ON true
ORDER BY e.id
