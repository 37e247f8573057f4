#!/usr/bin/env bash
# The committed migrations must build exactly the schema in prisma/schema.prisma
# (migrations are hand-made with db:new-migration, so a forgotten one would otherwise only
# show up in production). Builds one database from the migrations and one straight from
# the schema, and compares their pg_dump --schema-only.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${MIGRATION_CHECK_URL:-postgresql://postgres@127.0.0.1:5432}
a=lr_migcheck_migrations
b=lr_migcheck_schema
for db in $a $b; do
  psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null 2>&1
done
DATABASE_URL="$base/$a" node prisma/cli.mjs migrate deploy >/dev/null 2>&1
DATABASE_URL="$base/$b" node prisma/cli.mjs migrate diff --from-empty \
  --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null | psql -q "$base/$b" >/dev/null 2>&1
# Column order differs between ALTER-built and CREATE-built tables: compare sorted lines
# without trailing commas (still catches any missing or different column, index or constraint).
dump() {
  pg_dump --schema-only --no-owner --no-privileges --exclude-table=_prisma_migrations "$base/$1" |
    grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict' | sed 's/,$//' | sort
}
# Objects Prisma's schema language cannot express are written by hand in migrations; they
# may exist only on the migrations side. Everything else must match both ways.
hand_made='live_notify|lr_live|audit_log_append_only|AuditLog_append_only|customer_name_search|Customer_name_search|NEW."nameSearch" := lower|RAISE EXCEPTION .AuditLog is append-only|LANGUAGE plpgsql|text_pattern_ops|gin_trgm_ops|pg_trgm'
diff <(dump $a) <(dump $b) | grep -E '^[<>]' | grep -vE "^< .*($hand_made)" >/tmp/migration-drift.diff || true
if [ -s /tmp/migration-drift.diff ]; then
  echo "prisma/migrations do not produce prisma/schema.prisma (run npm run db:new-migration):"
  echo "(< only in the migrations, > only in the schema)"
  head -60 /tmp/migration-drift.diff
  exit 1
fi
for db in $a $b; do psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; done
echo "migrations match the schema"
