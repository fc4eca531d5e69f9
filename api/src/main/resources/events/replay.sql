SELECT e.id, e.type, e.product_id, e.user_id,
       (e.payload || jsonb_build_object('at', to_char(e.created_at AT TIME ZONE 'UTC',
           'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text AS data,
       (extract(epoch FROM e.created_at) * 1000000)::bigint AS at_micros
FROM events e
WHERE e.id > $1 AND e.id <= $2 AND e.type = ANY($3)
  AND ($4::bigint[] IS NULL OR e.product_id = ANY($4))
  AND ($5::bigint IS NULL OR e.user_id = $5)
ORDER BY e.id
LIMIT $6
