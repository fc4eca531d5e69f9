SELECT EXISTS (SELECT 1 FROM refresh_tokens
               WHERE user_id = $1 AND family_id = $2 AND revoked_at IS NULL AND expires_at > now())
