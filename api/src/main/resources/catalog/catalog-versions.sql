SELECT id, version FROM categories
UNION ALL
SELECT 0, version FROM catalog_version
