-- Every schema gets the same two event tables, so one outbox relay and one consumer guard serve all services.
--   outbox:           a service writes its domain events here in the same transaction as the change; the relay
--                     publishes unpublished rows to Kafka in created_at order and stamps published_at.
--   processed_events: a consumer records each event id it handled in the same transaction as its effect, so a
--                     redelivered event is recognised and skipped.
DO $$
DECLARE
    schema text;
BEGIN
    FOREACH schema IN ARRAY ARRAY['users', 'catalog', 'orders', 'payments', 'inventory']
    LOOP
        EXECUTE format($ddl$
            CREATE TABLE %1$I.outbox (
                id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),  -- the event id consumers see
                aggregate_type text        NOT NULL,
                aggregate_id   text        NOT NULL,                               -- also the Kafka message key
                event_type     text        NOT NULL,
                payload        jsonb       NOT NULL,
                -- clock_timestamp, not now(): events of one transaction keep the order they were written in.
                created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
                published_at   timestamptz
            );
            CREATE INDEX outbox_unpublished_idx ON %1$I.outbox (created_at) WHERE published_at IS NULL;

            CREATE TABLE %1$I.processed_events (
                consumer     text        NOT NULL,
                event_id     uuid        NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, event_id)
            );
        $ddl$, schema);
    END LOOP;
END $$;
