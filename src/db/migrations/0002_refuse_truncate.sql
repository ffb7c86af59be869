-- TRUNCATE skips row triggers, so the append-only guards need a statement-level one too.
CREATE TRIGGER offer_versions_no_truncate BEFORE TRUNCATE ON offer_versions
  FOR EACH STATEMENT EXECUTE FUNCTION offerline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
  FOR EACH STATEMENT EXECUTE FUNCTION offerline_refuse_change();
