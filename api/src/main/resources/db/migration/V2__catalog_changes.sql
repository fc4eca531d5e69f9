-- One row per committed product write. Every instance reads the recent rows to evict its
-- in-process cache, so the staleness of other instances is bounded by the poll period rather
-- than by the in-process TTL. Rows are short-lived: the poller deletes those older than an hour.
CREATE TABLE catalog_changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint      NOT NULL,
    -- clock_timestamp(), not now(): the row is written last in its transaction, so this is close
    -- to commit time and a short look-back window sees every commit.
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX catalog_changes_changed_at ON catalog_changes (changed_at);
