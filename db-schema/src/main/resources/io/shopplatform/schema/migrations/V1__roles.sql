-- Roles, schemas and grants. Migrations run as the database owner (shop_admin), who owns every schema and table;
-- each service logs in with its own role, which reaches only its own schema and can't change its shape.
-- Passwords are set by whoever deploys (ALTER ROLE ... PASSWORD), never here.

-- Nothing is open to everyone: no objects in public, no connecting or temp tables unless granted.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()); END $$;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

DO $$
DECLARE
    owned record;
BEGIN
    FOR owned IN SELECT * FROM (VALUES
            ('shop_user', 'users'),
            ('shop_product', 'catalog'),
            ('shop_order', 'orders'),
            ('shop_payment', 'payments'),
            ('shop_inventory', 'inventory')) AS t (role, schema)
    LOOP
        -- Roles are cluster-wide: another database on the same cluster may have made them already.
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owned.role) THEN
            EXECUTE format('CREATE ROLE %I', owned.role);
        END IF;
        -- Whoever made it, a service role logs in and holds nothing beyond what is granted below.
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                owned.role);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', owned.role, owned.schema);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), owned.role);

        EXECUTE format('CREATE SCHEMA %I', owned.schema);
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', owned.schema, owned.role);
        -- Tables, sequences and functions the owner creates later in the schema are the service's to use.
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                owned.schema, owned.role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
                owned.schema, owned.role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO %I',
                owned.schema, owned.role);
    END LOOP;
END $$;
