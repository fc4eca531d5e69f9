WITH leaf AS (SELECT id, parent_id FROM categories WHERE id = $1),
     bumped AS (
         UPDATE categories c SET version = c.version + 1
         FROM leaf
         WHERE c.id = leaf.id OR c.id = leaf.parent_id
         RETURNING c.id, c.version),
     whole AS (UPDATE catalog_version SET version = version + 1 RETURNING version)
SELECT id, version FROM bumped
UNION ALL
SELECT 0, version FROM whole
