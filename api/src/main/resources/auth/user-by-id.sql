SELECT id, email, display_name, role, created_at FROM users WHERE id = $1
