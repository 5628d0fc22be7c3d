-- The outbox relay, hardened (services/shared's OutboxRelay):
--   version:            every event carries its aggregate's version, counted in aggregate_versions: the upsert
--                       locks the aggregate's counter until the change commits, so versions follow commit order
--                       and a consumer can drop an event older than what it already applied.
--   attempts, parked_at, last_error: a row Kafka keeps refusing is retried a bounded number of times, then parked
--                       (left for an operator, counted in shop_outbox_parked) instead of heading every batch forever.
DO $$
DECLARE
    schema text;
BEGIN
    FOREACH schema IN ARRAY ARRAY['users', 'catalog', 'orders', 'payments', 'inventory']
    LOOP
        EXECUTE format($ddl$
            ALTER TABLE %1$I.outbox
                ADD COLUMN version    bigint NOT NULL DEFAULT 0,
                ADD COLUMN attempts   int    NOT NULL DEFAULT 0,
                ADD COLUMN parked_at  timestamptz,
                ADD COLUMN last_error text;
            DROP INDEX %1$I.outbox_unpublished_idx;
            CREATE INDEX outbox_unpublished_idx ON %1$I.outbox (created_at) WHERE published_at IS NULL AND parked_at IS NULL;
            -- pruning (published rows past their retention) walks this one
            CREATE INDEX outbox_published_idx ON %1$I.outbox (published_at) WHERE published_at IS NOT NULL;
            CREATE INDEX processed_events_processed_at_idx ON %1$I.processed_events (processed_at);

            CREATE TABLE %1$I.aggregate_versions (
                aggregate_type text   NOT NULL,
                aggregate_id   text   NOT NULL,
                version        bigint NOT NULL,
                PRIMARY KEY (aggregate_type, aggregate_id)
            );
        $ddl$, schema);
    END LOOP;
END $$;

-- The product's stock summary keeps the version of the stock event it came from: an older event is dropped.
ALTER TABLE catalog.products ADD COLUMN stock_version bigint;
