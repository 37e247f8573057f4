-- Hand-written (Prisma cannot express triggers): live updates (lib/live). Every change to a
-- row the dashboard shows live sends a tiny NOTIFY on channel lr_live: "topic:id:customerId",
-- never personal data. The app's one LISTEN connection per process coalesces them and tells
-- open pages over server-sent events. Postgres drops identical payloads within a transaction.
-- TG_ARGV: [0] the topic, [1] 'self' when the row is the customer. The function body is an
-- escape string with \x3b for each semicolon (Prisma's runner splits scripts on semicolons).
CREATE FUNCTION "live_notify"() RETURNS trigger LANGUAGE plpgsql AS
E'DECLARE r record\x3b BEGIN IF TG_OP = ''DELETE'' THEN r := OLD\x3b ELSE r := NEW\x3b END IF\x3b IF TG_ARGV[1] = ''self'' THEN PERFORM pg_notify(''lr_live'', TG_ARGV[0] || '':'' || r.id || '':'' || r.id)\x3b ELSE PERFORM pg_notify(''lr_live'', TG_ARGV[0] || '':'' || r.id || '':'' || coalesce(r."customerId", ''''))\x3b END IF\x3b RETURN NULL\x3b END\x3b';

CREATE TRIGGER "Customer_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer', 'self');
CREATE TRIGGER "AccessTransition_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "AccessTransition"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "CustomerNote_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "CustomerNote"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "AccessOverride_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "AccessOverride"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "ExceptionRecord_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "ExceptionRecord"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('exception');
CREATE TRIGGER "ApprovalRequest_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "ApprovalRequest"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('approval');
CREATE TRIGGER "LedgerEvent_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "LedgerEvent"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('ledger');
CREATE TRIGGER "SyncTask_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "SyncTask"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('sync');
CREATE TRIGGER "Subscription_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "Subscription"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "Invoice_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "Charge_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "Charge"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
CREATE TRIGGER "Dispute_live_notify" AFTER INSERT OR UPDATE OR DELETE ON "Dispute"
  FOR EACH ROW EXECUTE FUNCTION "live_notify"('customer');
