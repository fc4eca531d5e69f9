INSERT INTO backup_runs (bucket, key) VALUES (?, ?) RETURNING id
