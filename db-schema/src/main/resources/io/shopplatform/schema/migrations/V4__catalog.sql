-- The product service: a category tree and products. OpenSearch serves search; the tsvector column here is the
-- fallback when it is down. Prices are decimal money (numeric), never floating point.

CREATE TABLE catalog.categories (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id  bigint      REFERENCES catalog.categories (id),
    slug       text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    -- Slugs from the root down ('electronics/phones'), kept by the triggers below: one indexed lookup finds a
    -- category by URL, and a prefix match finds a whole subtree.
    path       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    position   int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (parent_id, slug)
);
CREATE INDEX categories_parent_idx ON catalog.categories (parent_id);
CREATE INDEX categories_path_prefix_idx ON catalog.categories (path text_pattern_ops);

CREATE FUNCTION catalog.set_category_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path text;
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := NEW.slug;
    ELSE
        SELECT path INTO STRICT parent_path FROM catalog.categories WHERE id = NEW.parent_id;
        -- Moving a category under itself or its own subtree would cut it off from the root.
        IF TG_OP = 'UPDATE' AND (parent_path = OLD.path OR parent_path LIKE OLD.path || '/%') THEN
            RAISE EXCEPTION 'category % cannot move under its own subtree', OLD.path
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.path := parent_path || '/' || NEW.slug;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER categories_path BEFORE INSERT OR UPDATE OF parent_id, slug, path ON catalog.categories
    FOR EACH ROW EXECUTE FUNCTION catalog.set_category_path();

-- A renamed or moved category takes its children along; each child's update moves its own children in turn.
CREATE FUNCTION catalog.move_category_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog.categories SET path = NEW.path || '/' || slug WHERE parent_id = NEW.id;
    RETURN NULL;
END $$;
-- Not "UPDATE OF path": a path changed by the trigger above, not by the statement, would not fire it.
CREATE TRIGGER categories_children AFTER UPDATE ON catalog.categories
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION catalog.move_category_children();

CREATE TABLE catalog.products (
    id          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text          NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    name        text          NOT NULL CHECK (name <> ''),
    description text          NOT NULL DEFAULT '',
    category_id bigint        REFERENCES catalog.categories (id),
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    currency    char(3)       NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    attributes  jsonb         NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    status      text          NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    version     bigint        NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    -- A name match ranks above a description match.
    search      tsvector      GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, name), 'A') ||
                    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED
);
CREATE INDEX products_category_idx ON catalog.products (category_id);
CREATE INDEX products_search_idx ON catalog.products USING gin (search);
CREATE INDEX products_attributes_idx ON catalog.products USING gin (attributes jsonb_path_ops);

-- Counters change on every view and sale: kept apart from products so they neither contend with catalog edits
-- nor bump the product's version (which would evict it from every cache).
CREATE TABLE catalog.product_popularity (
    product_id bigint      PRIMARY KEY REFERENCES catalog.products (id) ON DELETE CASCADE,
    views      bigint      NOT NULL DEFAULT 0 CHECK (views >= 0),
    purchases  bigint      NOT NULL DEFAULT 0 CHECK (purchases >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_popularity_purchases_idx ON catalog.product_popularity (purchases DESC);
