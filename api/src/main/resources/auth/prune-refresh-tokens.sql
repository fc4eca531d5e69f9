-- Tokens past use: expired, or revoked, for more than a day (kept that long for investigation).
DELETE FROM refresh_tokens
WHERE expires_at < now() - interval '1 day'
   OR revoked_at < now() - interval '1 day'
