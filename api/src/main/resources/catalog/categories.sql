SELECT id, slug, name, parent_id, version
FROM categories
ORDER BY id
