-- A product withdrawn from sale (active = false) is absent from the public catalog and refused by
-- carts and checkout; orders already placed keep it. Every listing query filters on active, so the
-- listing indexes cover active products only: pages stay index-driven however many are withdrawn.
ALTER TABLE products ADD COLUMN active boolean NOT NULL DEFAULT true;

DROP INDEX products_category_popularity, products_category_price, products_category_name,
    products_category_newest, products_popularity, products_price, products_name, products_newest,
    products_search;

CREATE INDEX products_category_popularity ON products (category_id, popularity DESC, id) WHERE active;
CREATE INDEX products_category_price      ON products (category_id, price_cents, id) WHERE active;
CREATE INDEX products_category_name       ON products (category_id, name, id) WHERE active;
CREATE INDEX products_category_newest     ON products (category_id, created_at DESC, id) WHERE active;
CREATE INDEX products_popularity          ON products (popularity DESC, id) WHERE active;
CREATE INDEX products_price               ON products (price_cents, id) WHERE active;
CREATE INDEX products_name                ON products (name, id) WHERE active;
CREATE INDEX products_newest              ON products (created_at DESC, id) WHERE active;
CREATE INDEX products_search              ON products USING gin (search) WHERE active;
