CREATE TABLE "offer_stage_intervals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"recruiter_id" uuid NOT NULL,
	"status" text NOT NULL,
	"version_number" integer DEFAULT 0 NOT NULL,
	"entered_at" timestamp (3) with time zone NOT NULL,
	"left_at" timestamp (3) with time zone,
	"left_by_event" text
);
--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD CONSTRAINT "offer_stage_intervals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD CONSTRAINT "offer_stage_intervals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD CONSTRAINT "offer_stage_intervals_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD CONSTRAINT "offer_stage_intervals_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD CONSTRAINT "offer_stage_intervals_recruiter_id_users_id_fk" FOREIGN KEY ("recruiter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_offer_idx" ON "offer_stage_intervals" USING btree ("offer_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_stage_intervals_one_open_key" ON "offer_stage_intervals" USING btree ("offer_id") WHERE "offer_stage_intervals"."left_at" is null;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_open_idx" ON "offer_stage_intervals" USING btree ("org_id","status") WHERE "offer_stage_intervals"."left_at" is null;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_org_entered_idx" ON "offer_stage_intervals" USING btree ("org_id","entered_at");--> statement-breakpoint
-- Backfill from the journal (same statement as src/offers/stage-intervals.backfill.ts).
INSERT INTO offer_stage_intervals
  (org_id, offer_id, business_unit_id, department_id, recruiter_id, status, version_number, entered_at, left_at, left_by_event)
SELECT o.org_id, o.id, o.business_unit_id, o.department_id, o.recruiter_id, c.status,
  COALESCE((SELECT max((v.data->>'version')::int) FROM journal v
    WHERE v.offer_id = c.offer_id AND v.type = 'offer.version_created' AND v.seq < c.seq), 0),
  c.at,
  LEAD(c.at) OVER w,
  LEAD(c.event) OVER w
FROM (
  SELECT j.offer_id, j.seq, j.at,
    CASE WHEN j.type = 'offer.created' THEN 'draft' ELSE j.data->>'to' END AS status,
    j.data->>'event' AS event
  FROM journal j
  WHERE j.type = 'offer.created'
    OR (j.type = 'offer.transitioned' AND (j.data->>'from') IS DISTINCT FROM (j.data->>'to'))
) c
JOIN offers o ON o.id = c.offer_id
WHERE NOT EXISTS (SELECT 1 FROM offer_stage_intervals i WHERE i.offer_id = o.id)
WINDOW w AS (PARTITION BY c.offer_id ORDER BY c.seq)
ORDER BY c.offer_id, c.seq;
