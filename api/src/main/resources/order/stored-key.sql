SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2
