-- The product service's read of one product by id (ProductRepository.findById, the columns Product maps) when no
-- cache layer holds it: an autocommit SELECT, which PgPool balances over the replicas. Ids uniform over the catalog.
\set id random(:min_id, :max_id)
SELECT id, sku, name, description, category_id, price, currency, status, version, updated_at, stock_available,
       stock_updated_at, stock_version
  FROM catalog.products WHERE id = :id;
