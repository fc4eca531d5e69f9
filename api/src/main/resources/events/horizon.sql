SELECT (SELECT through_id FROM events_pruned) AS pruned_through,
       (SELECT coalesce(max(id), 0) FROM events) AS newest
