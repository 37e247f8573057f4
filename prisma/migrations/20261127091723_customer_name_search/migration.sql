-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "nameSearch" TEXT;


-- Hand-written (Prisma cannot express triggers or an operator class on a btree index):
-- the customers search matched names with ILIKE 'q%', which no btree index serves, so
-- every search read the whole table (see BENCHMARKS.md). The trigger keeps a lower-cased
-- copy of the name that a prefix LIKE can find through the index. The function body is an
-- escape string with \x3b for each semicolon (Prisma's runner splits scripts on semicolons).
CREATE FUNCTION "customer_name_search"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN NEW."nameSearch" := lower(NEW."name")\x3b RETURN NEW\x3b END\x3b';

CREATE TRIGGER "Customer_name_search"
  BEFORE INSERT OR UPDATE OF "name" ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "customer_name_search"();

UPDATE "Customer" SET "nameSearch" = lower("name") WHERE "name" IS NOT NULL;

CREATE INDEX "Customer_nameSearch_pattern_idx" ON "Customer"("nameSearch" text_pattern_ops);
