CREATE TABLE "offer_milestones" (
	"offer_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"recruiter_id" uuid NOT NULL,
	"level" text,
	"employment_type" text,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"verbal_accepted_at" timestamp (3) with time zone,
	"signed_at" timestamp (3) with time zone,
	"accepted_at" timestamp (3) with time zone,
	"handed_off_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"revisions" integer DEFAULT 0 NOT NULL,
	"out_of_band" boolean DEFAULT false NOT NULL,
	"over_budget" boolean DEFAULT false NOT NULL,
	"non_standard_clause" boolean DEFAULT false NOT NULL,
	"decline_reason" text
);
--> statement-breakpoint
ALTER TABLE "approval_steps" ADD COLUMN "approver_role" text;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD COLUMN "level" text;--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD COLUMN "employment_type" text;--> statement-breakpoint
ALTER TABLE "offer_milestones" ADD CONSTRAINT "offer_milestones_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_milestones" ADD CONSTRAINT "offer_milestones_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_milestones" ADD CONSTRAINT "offer_milestones_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_milestones" ADD CONSTRAINT "offer_milestones_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_milestones" ADD CONSTRAINT "offer_milestones_recruiter_id_users_id_fk" FOREIGN KEY ("recruiter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_milestones_org_created_idx" ON "offer_milestones" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_milestones_org_ended_idx" ON "offer_milestones" USING btree ("org_id","ended_at");--> statement-breakpoint
CREATE INDEX "approval_steps_org_decided_idx" ON "approval_steps" USING btree ("org_id","decided_at") WHERE "approval_steps"."decided_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_org_left_idx" ON "offer_stage_intervals" USING btree ("org_id","left_at") WHERE "offer_stage_intervals"."left_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_active_idx" ON "offer_stage_intervals" USING btree ("org_id","entered_at","offer_id") WHERE "offer_stage_intervals"."left_at" is null and "offer_stage_intervals"."status" not in ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn');--> statement-breakpoint
UPDATE offer_stage_intervals i
SET level = t.terms->>'level', employment_type = t.terms->>'employmentType'
FROM (
  SELECT i2.id, CASE WHEN i2.version_number > 0
      THEN (SELECT v.terms FROM offer_versions v WHERE v.offer_id = i2.offer_id AND v.number = i2.version_number)
      ELSE COALESCE(o.draft_terms, (SELECT v.terms FROM offer_versions v WHERE v.offer_id = i2.offer_id AND v.number = 1))
    END AS terms
  FROM offer_stage_intervals i2 JOIN offers o ON o.id = i2.offer_id
  WHERE i2.level IS NULL AND i2.employment_type IS NULL
) t
WHERE t.id = i.id;
--> statement-breakpoint
INSERT INTO offer_milestones
  (offer_id, org_id, business_unit_id, department_id, recruiter_id, level, employment_type, status,
   created_at, submitted_at, approved_at, sent_at, verbal_accepted_at, signed_at, accepted_at, handed_off_at, ended_at,
   revisions, out_of_band, over_budget, non_standard_clause, decline_reason)
SELECT o.id, o.org_id, o.business_unit_id, o.department_id, o.recruiter_id,
  COALESCE(o.draft_terms, v.terms)->>'level', COALESCE(o.draft_terms, v.terms)->>'employmentType', o.status,
  min(j.at) FILTER (WHERE j.type = 'offer.created'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'event' = 'submit'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'to' = 'approved' AND j.data->>'from' <> 'approved'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'to' = 'sent' AND j.data->>'from' <> 'sent'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'event' = 'verbal_accept'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'to' = 'signed' AND j.data->>'from' <> 'signed'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'to' = 'accepted' AND j.data->>'from' <> 'accepted'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'to' = 'handed_off' AND j.data->>'from' <> 'handed_off'),
  min(j.at) FILTER (WHERE j.type = 'offer.transitioned' AND j.data->>'from' <> j.data->>'to'
    AND j.data->>'to' IN ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn')),
  count(*) FILTER (WHERE j.type = 'offer.version_created' AND (j.data->>'version')::int > 1),
  COALESCE(bool_or(j.data->'exceptions' ? 'out_of_band') FILTER (WHERE j.type = 'approval.routed'), false),
  COALESCE(bool_or(j.data->'exceptions' ? 'over_budget') FILTER (WHERE j.type = 'approval.routed'), false),
  COALESCE(bool_or(j.data->'exceptions' ? 'non_standard_clause') FILTER (WHERE j.type = 'approval.routed'), false),
  (array_agg(j.data->>'reason' ORDER BY j.seq DESC) FILTER (WHERE j.type = 'offer.declined'))[1]
FROM offers o
JOIN journal j ON j.offer_id = o.id
LEFT JOIN offer_versions v ON v.offer_id = o.id AND v.number = o.current_version
WHERE NOT EXISTS (SELECT 1 FROM offer_milestones m WHERE m.offer_id = o.id)
GROUP BY o.id, v.terms;
--> statement-breakpoint
UPDATE approval_steps s
SET approver_role = (
  SELECT CASE
      WHEN a ? 'role' THEN a->>'role'
      WHEN a->>'relation' = 'department_hrbp' THEN 'hrbp'
      WHEN a ? 'relation' THEN 'hiring_manager'
      ELSE 'named_user'
    END
  FROM approval_policy_versions pv,
    jsonb_array_elements(pv.document->'stages') st,
    jsonb_array_elements(st->'steps') sp,
    LATERAL (SELECT sp->'approvers'->0 AS a) first_approver
  WHERE pv.id = s.policy_version_id AND st->>'key' = s.stage_key AND sp->>'key' = s.step_key AND a IS NOT NULL
  LIMIT 1)
WHERE s.approver_role IS NULL;
