SELECT id, product_id
FROM catalog_changes
WHERE changed_at > clock_timestamp() - make_interval(secs => $1)
