-- One user's cart writes and checkouts run one at a time, each holding this lock until its
-- transaction ends: a new line is counted against the line limit with no other insert in between,
-- and a checkout empties exactly the cart it ordered (a line added meanwhile waits, then stays).
SELECT pg_advisory_xact_lock(hashtextextended('cart:' || $1::bigint::text, 0))
