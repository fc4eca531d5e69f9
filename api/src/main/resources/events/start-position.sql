SELECT coalesce(max(id), 0)
FROM events
WHERE created_at < clock_timestamp() - make_interval(secs => $1)
