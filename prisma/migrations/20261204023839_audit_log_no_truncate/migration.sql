-- The audit log's append-only guarantee also holds against TRUNCATE, which skips row-level
-- triggers. A statement-level BEFORE TRUNCATE trigger with the same function refuses it
-- (also when the table is reached through TRUNCATE ... CASCADE). Only a role that may
-- disable triggers (the table's owner or a superuser) can get around it: see README,
-- "Security notes", for which role must own the table.
CREATE TRIGGER "AuditLog_append_only_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
