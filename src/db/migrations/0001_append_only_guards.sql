-- Versions are immutable once created and the journal is append-only.
-- The hash chain detects tampering anyway; these triggers stop honest mistakes
-- (an UPDATE from a console) before they happen.
CREATE OR REPLACE FUNCTION offerline_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER offer_versions_immutable BEFORE UPDATE OR DELETE ON offer_versions
  FOR EACH ROW EXECUTE FUNCTION offerline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
  FOR EACH ROW EXECUTE FUNCTION offerline_refuse_change();
