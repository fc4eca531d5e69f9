SELECT EXISTS (SELECT 1 FROM products WHERE image_key = $1)
