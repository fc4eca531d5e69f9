UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1
RETURNING id, email, display_name, role, created_at
