UPDATE backup_runs SET finished_at = now(), ok = ?, sha256 = ?, bytes = ?, error = ? WHERE id = ?
