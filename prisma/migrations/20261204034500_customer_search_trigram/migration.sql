-- Hand-written (Prisma cannot express an extension-provided operator class without a
-- preview feature): the customers search matched only the start of a name or email, so
-- "okafor" found nobody. Trigram GIN indexes serve LIKE '%q%' on the lower-cased name and
-- emails, so a substring search stays an index lookup at 100,000 customers (BENCHMARKS.md).
-- pg_trgm is a trusted extension on Postgres 13+, and the embedded default (PGlite) loads it
-- from @electric-sql/pglite/contrib/pg_trgm (dev/embedded-postgres.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Customer_nameSearch_trgm_idx" ON "Customer" USING GIN ("nameSearch" gin_trgm_ops);

CREATE INDEX "Customer_email_trgm_idx" ON "Customer" USING GIN ("email" gin_trgm_ops);

CREATE INDEX "Customer_claimedEmail_trgm_idx" ON "Customer" USING GIN ("claimedEmail" gin_trgm_ops);
