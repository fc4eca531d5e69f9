INSERT INTO events (type, user_id, payload) VALUES ($1, $2, $3)
