-- Whether the token with this hash, in this family, can still be used (unused, unrevoked, unexpired).
SELECT used_at IS NULL AND revoked_at IS NULL AND expires_at > now() AS usable
FROM refresh_tokens
WHERE token_hash = $1 AND family_id = $2
FOR UPDATE
