UPDATE categories c SET version = c.version + 1
WHERE c.id = ANY($1)
   OR c.id IN (SELECT parent_id FROM categories WHERE id = ANY($1) AND parent_id IS NOT NULL)
RETURNING c.id, c.version
