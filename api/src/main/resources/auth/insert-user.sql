INSERT INTO users (email, password_hash, display_name, role)
VALUES ($1, $2, $3, $4)
ON CONFLICT (email) DO NOTHING
RETURNING id, email, display_name, role, created_at
