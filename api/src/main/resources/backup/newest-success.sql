SELECT COALESCE(extract(epoch FROM max(finished_at))::bigint, 0) FROM backup_runs WHERE ok
