-- An order can earn more than 2^31 points (50 lines x 99 units x 1,000,000 EUR), and a balance
-- sums many orders: both are 64-bit, so a credit is never capped and a balance never overflows.
ALTER TABLE points_ledger ALTER COLUMN points TYPE bigint;
ALTER TABLE point_balances ALTER COLUMN points TYPE bigint;
