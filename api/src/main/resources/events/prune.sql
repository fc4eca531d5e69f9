WITH gone AS (
    DELETE FROM events
    WHERE id IN (SELECT id FROM events WHERE created_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2)
    RETURNING id)
UPDATE events_pruned SET through_id = greatest(through_id, (SELECT max(id) FROM gone))
WHERE EXISTS (SELECT 1 FROM gone)
RETURNING (SELECT count(*) FROM gone)
