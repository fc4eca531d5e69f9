-- used_seconds_ago: null while unused; negative when another transaction used it after this one began
SELECT t.id, t.user_id, t.family_id, t.expires_at, t.expires_at < now() AS expired, t.used_at IS NOT NULL AS used,
       t.revoked_at IS NOT NULL AS revoked, EXTRACT(EPOCH FROM now() - t.used_at) AS used_seconds_ago, u.role
FROM refresh_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1
FOR UPDATE OF t
