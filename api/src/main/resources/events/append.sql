INSERT INTO events (type, product_id, user_id, payload) VALUES ($1, $2, $3, $4)
