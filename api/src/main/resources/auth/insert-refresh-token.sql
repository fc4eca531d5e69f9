-- $4: the expiry; a rotated token keeps its family's, so a sign-in has an absolute end
INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
VALUES ($1, $2, $3, $4)
