SELECT id, email, password_hash, display_name, role, created_at FROM users WHERE email = $1
