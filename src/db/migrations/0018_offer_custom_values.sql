ALTER TABLE "offers" ADD COLUMN "custom_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- The current custom values of an offer: the draft's terms.custom while it has a draft, else the
-- current version's. One function states it for the backfill and the trigger alike.
CREATE OR REPLACE FUNCTION offerline_current_custom_values(draft jsonb, offer uuid, version integer) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN jsonb_typeof(c) = 'object' THEN c ELSE '{}'::jsonb END
  FROM (SELECT CASE WHEN draft IS NOT NULL THEN draft -> 'custom'
    ELSE (SELECT v.terms -> 'custom' FROM offer_versions v WHERE v.offer_id = offer AND v.number = version) END AS c) s
$$;
--> statement-breakpoint
-- Only rows that hold custom values: the others keep the default without a rewrite.
UPDATE "offers" o SET "custom_values" = offerline_current_custom_values(o.draft_terms, o.id, o.current_version)
  WHERE (o.draft_terms IS NOT NULL AND o.draft_terms ? 'custom')
     OR (o.draft_terms IS NULL AND EXISTS (SELECT 1 FROM offer_versions v WHERE v.offer_id = o.id AND v.number = o.current_version AND v.terms ? 'custom'));
--> statement-breakpoint
CREATE INDEX "offers_custom_values_idx" ON "offers" USING gin ("custom_values" jsonb_path_ops);--> statement-breakpoint
-- Every writer of draft_terms or current_version (intake, negotiation, approvals sending a draft
-- back) goes through here, so no service has to remember the copy. Submit inserts the version
-- before it moves current_version, so the version row is there to read.
CREATE OR REPLACE FUNCTION offerline_offer_custom_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.custom_values := offerline_current_custom_values(NEW.draft_terms, NEW.id, NEW.current_version);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER offers_custom_values BEFORE INSERT OR UPDATE OF draft_terms, current_version ON offers
  FOR EACH ROW EXECUTE FUNCTION offerline_offer_custom_values();
