-- One outbox for everything other instances and clients must learn of: stock levels, product
-- edits (which replace catalog_changes), order status, points and ended sign-ins. Each row commits
-- with the change it describes; readers resume from an id, and a statement-level trigger wakes
-- them at commit (NOTIFY is transactional, so a rolled-back change wakes nobody).
--
-- txid is the writing transaction's id. It is the first column so that an INSERT evaluates it
-- before the identity default: the transaction holds its xid before it takes an event id, which
-- is what lets a reader decide that a missing id will never appear (see EventFeed).
ALTER TABLE events RENAME TO events_before_feed;
DROP INDEX events_created;

CREATE TABLE events (
    txid       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type       text        NOT NULL CHECK (type IN
                   ('stock.changed', 'product.changed', 'order.status', 'points.changed', 'session.revoked')),
    product_id bigint,
    user_id    bigint,
    payload    jsonb       NOT NULL,
    -- clock_timestamp(): events are written last in their transaction, so this is close to commit.
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

INSERT INTO events (id, type, product_id, user_id, payload, created_at) OVERRIDING SYSTEM VALUE
SELECT id, type, CASE WHEN type = 'stock.changed' THEN (payload->>'productId')::bigint END, user_id, payload, created_at
FROM events_before_feed;
SELECT setval(pg_get_serial_sequence('events', 'id'), coalesce((SELECT max(id) FROM events), 0) + 1, false);
DROP TABLE events_before_feed;

CREATE INDEX events_created ON events (created_at);
CREATE INDEX events_product ON events (product_id, id) WHERE product_id IS NOT NULL;
CREATE INDEX events_user    ON events (user_id, id) WHERE user_id IS NOT NULL;

-- Events up to this id may have been pruned: a client resuming from an older id is told to refetch.
CREATE TABLE events_pruned (
    single       boolean PRIMARY KEY DEFAULT true CHECK (single),
    through_id   bigint  NOT NULL
);
INSERT INTO events_pruned (through_id) VALUES (0);

-- The channel carries the schema, so instances of different schemas in one database do not wake
-- each other.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_events', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION events_notify();

DROP TABLE catalog_changes;
