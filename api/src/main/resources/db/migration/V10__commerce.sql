-- Commerce: carts, orders with stock reservations, idempotency keys, payment events, points and
-- the event outbox. products.stock stays the quantity that can still be sold; units held for an
-- order awaiting payment are its order_items (the reservation rows), so on hand = stock + held.

CREATE TABLE cart_items (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id bigint      NOT NULL REFERENCES products (id),
    quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

CREATE TABLE orders (
    id                     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id                bigint      NOT NULL REFERENCES users (id),
    status                 text        NOT NULL CHECK (status IN
                               ('awaiting_payment', 'paid', 'cancelled', 'refunded', 'refund_required')),
    currency               char(3)     NOT NULL,
    total_cents            bigint      NOT NULL CHECK (total_cents >= 0),
    shipping_address       jsonb       NOT NULL,
    payment_reference      text        NOT NULL UNIQUE,
    -- true while order_items hold stock taken from products.stock
    stock_held             boolean     NOT NULL DEFAULT true,
    reservation_expires_at timestamptz NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_user ON orders (user_id, id DESC);
CREATE INDEX orders_status ON orders (status, id DESC);
CREATE INDEX orders_expiring ON orders (reservation_expires_at) WHERE status = 'awaiting_payment';

CREATE TABLE order_items (
    order_id         bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       bigint  NOT NULL REFERENCES products (id),
    name             text    NOT NULL,
    quantity         integer NOT NULL CHECK (quantity > 0),
    unit_price_cents integer NOT NULL CHECK (unit_price_cents > 0),
    PRIMARY KEY (order_id, product_id)
);

-- Stripe-style Idempotency-Key: per user; the first successful response is kept and replayed.
CREATE TABLE idempotency_keys (
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  bytea       NOT NULL,
    status_code   integer     NOT NULL,
    response_body bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- One row per payment-provider event applied (or deliberately ignored), written in the same
-- transaction as its effects: a redelivery finds its id here and changes nothing.
CREATE TABLE payment_events (
    event_id    text        PRIMARY KEY,
    type        text        NOT NULL,
    order_id    bigint      REFERENCES orders (id),
    outcome     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE badges (
    name       text    PRIMARY KEY,
    min_points integer NOT NULL UNIQUE CHECK (min_points >= 0)
);
INSERT INTO badges (name, min_points) VALUES ('Bronze', 0), ('Silver', 500), ('Gold', 1500), ('Platinum', 5000);

-- Append-only: a reversal is a new negative row, never an update.
CREATE TABLE points_ledger (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    order_id   bigint      REFERENCES orders (id),
    points     integer     NOT NULL,
    reason     text        NOT NULL CHECK (reason IN ('order_paid', 'order_refunded')),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, reason)
);
CREATE INDEX points_ledger_user ON points_ledger (user_id, id DESC);

CREATE TABLE point_balances (
    user_id bigint  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    points  integer NOT NULL DEFAULT 0
);

-- Every state change a client may watch (stock level, order status, points balance), written in
-- the transaction that makes it; ids grow with commits closely enough for a streaming reader that
-- re-reads a short window.
CREATE TABLE events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type       text        NOT NULL CHECK (type IN ('stock.changed', 'order.status', 'points.changed')),
    user_id    bigint,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX events_created ON events (created_at);
