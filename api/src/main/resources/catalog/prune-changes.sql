DELETE FROM catalog_changes WHERE changed_at < now() - interval '1 hour'
