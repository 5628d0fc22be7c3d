-- Read-your-writes across instances: a writer hands its client the primary's WAL position after the commit; a read
-- that must see it first asks its own node how far it is. PgPool sends any call of a volatile function (such as
-- pg_last_wal_replay_lsn()) to the primary, but a view it cannot see into runs where the session's reads run, so
-- this view answers for the very node that serves the reads after it: its replayed position on a standby, its
-- current position on the primary. Positions are bytes since 0/0 (bigint), comparable across a failover.
DO $$
DECLARE
    owned record;
BEGIN
    FOR owned IN SELECT * FROM (VALUES ('users', 'shop_user'), ('catalog', 'shop_product'), ('orders', 'shop_order'),
                                       ('payments', 'shop_payment'), ('inventory', 'shop_inventory')) AS t(schema, role)
    LOOP
        EXECUTE format($ddl$
            CREATE VIEW %1$I.wal_position AS
            SELECT pg_is_in_recovery() AS standby,
                   ((CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)
                       - '0/0'::pg_lsn)::bigint AS position;
            GRANT SELECT ON %1$I.wal_position TO %2$I;
        $ddl$, owned.schema, owned.role);
    END LOOP;
END $$;
