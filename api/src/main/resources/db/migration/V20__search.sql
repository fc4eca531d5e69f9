-- Search that finds what shoppers type: English stemming (lamps -> lamp), prefix matching (lam ->
-- lamp) and one misspelt word (lanp, lmap -> lamp). Names weigh more than descriptions in the rank.
DROP INDEX products_search;
ALTER TABLE products DROP COLUMN search;
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')) STORED;
-- fastupdate off: no pending list. Writes to names and descriptions are rare, and a pending list
-- (4 MB after a seed) made the planner price the index above a sequential scan until a VACUUM.
CREATE INDEX products_search ON products USING gin (search) WITH (fastupdate = off) WHERE active;

-- The words of product names, as typed (lower case): what a misspelt query word is corrected to.
-- Kept by the triggers below; small (distinct words only), so a correction scans it.
CREATE TABLE search_terms (term text PRIMARY KEY);

CREATE FUNCTION search_words(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w FROM regexp_split_to_table(lower($1), '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
$$;

INSERT INTO search_terms SELECT DISTINCT search_words(name) FROM products ON CONFLICT DO NOTHING;

-- Statement triggers with transition tables: a bulk load adds its words in one statement, and a
-- stock update (which never changes a name) costs one join of the rows it touched.
CREATE FUNCTION search_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms SELECT DISTINCT search_words(name) FROM new_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION search_terms_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms
    SELECT DISTINCT search_words(n.name) FROM new_rows n JOIN old_rows o USING (id) WHERE n.name <> o.name
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER products_search_terms_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_added();
CREATE TRIGGER products_search_terms_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_renamed();

-- Whether b is a one-edit misspelling of a: one letter inserted, deleted, replaced, or two
-- neighbours swapped (Damerau). Plain PL/pgSQL: no extension to install in every schema.
CREATE FUNCTION within_one_edit(a text, b text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    la int := length(a);
    lb int := length(b);
    i int := 1;
BEGIN
    IF abs(la - lb) > 1 OR a = b THEN RETURN a = b; END IF;
    WHILE i <= least(la, lb) AND substr(a, i, 1) = substr(b, i, 1) LOOP i := i + 1; END LOOP;
    IF la = lb THEN
        RETURN substr(a, i + 1) = substr(b, i + 1)
            OR (substr(a, i, 1) = substr(b, i + 1, 1) AND substr(a, i + 1, 1) = substr(b, i, 1)
                AND substr(a, i + 2) = substr(b, i + 2));
    ELSIF la > lb THEN
        RETURN substr(a, i + 1) = substr(b, i);
    ELSE
        RETURN substr(a, i) = substr(b, i + 1);
    END IF;
END $$;

-- The tsquery of a search: every word must match (AND), each as a prefix of a stemmed word. A word
-- that no name word starts with (nor its stem) also matches the name words one edit away from it.
-- Stop words (the, and) and words of one letter are dropped; when nothing is left the result is
-- NULL, which matches nothing. Built from lexemes, not to_tsquery on the words: that raises a
-- notice per stop word, and every notice is a log line.
CREATE FUNCTION search_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    result tsquery;
    word text;
    wq tsquery;
    fix text;
BEGIN
    FOR word IN SELECT search_words(q) LOOP
        SELECT string_agg(quote_literal(l) || ':*', ' & ')::tsquery INTO wq
        FROM unnest(tsvector_to_array(to_tsvector('english', word))) AS l;
        IF NOT EXISTS (SELECT 1 FROM search_terms t
                       WHERE t.term LIKE word || '%' OR (wq IS NOT NULL AND to_tsvector('english', t.term) @@ wq)) THEN
            FOR fix IN SELECT t.term FROM search_terms t WHERE within_one_edit(t.term, word) LOOP
                wq := CASE WHEN wq IS NULL THEN to_tsquery('english', fix) ELSE wq || to_tsquery('english', fix) END;
            END LOOP;
        END IF;
        CONTINUE WHEN wq IS NULL;
        result := CASE WHEN result IS NULL THEN wq ELSE result && wq END;
    END LOOP;
    RETURN result;
END $$;
