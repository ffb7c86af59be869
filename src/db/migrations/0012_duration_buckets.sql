CREATE TABLE "stage_duration_days" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"bucket" smallint NOT NULL,
	"intervals" integer NOT NULL,
	CONSTRAINT "stage_duration_days_org_id_day_status_bucket_pk" PRIMARY KEY("org_id","day","status","bucket")
);
--> statement-breakpoint
ALTER TABLE "offer_stage_intervals" ADD COLUMN "duration_bucket" smallint;--> statement-breakpoint
ALTER TABLE "stage_duration_days" ADD CONSTRAINT "stage_duration_days_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_steps_pending_due_idx" ON "approval_steps" USING btree ("org_id","due_at") WHERE "approval_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "offer_milestones_org_accepted_idx" ON "offer_milestones" USING btree ("org_id","accepted_at") WHERE "offer_milestones"."accepted_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_milestones_org_submitted_idx" ON "offer_milestones" USING btree ("org_id","submitted_at") WHERE "offer_milestones"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_milestones_org_sent_idx" ON "offer_milestones" USING btree ("org_id","sent_at") WHERE "offer_milestones"."sent_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_milestones_org_verbal_idx" ON "offer_milestones" USING btree ("org_id","verbal_accepted_at") WHERE "offer_milestones"."verbal_accepted_at" is not null;--> statement-breakpoint
CREATE INDEX "offer_stage_intervals_bucket_idx" ON "offer_stage_intervals" USING btree ("org_id","status","duration_bucket","left_at") WHERE "offer_stage_intervals"."left_at" is not null;--> statement-breakpoint
CREATE INDEX "offers_open_idx" ON "offers" USING btree ("org_id","status","business_unit_id","department_id","recruiter_id") WHERE "offers"."status" not in ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn');--> statement-breakpoint
UPDATE offer_stage_intervals
SET duration_bucket = width_bucket((extract(epoch from (left_at - entered_at)) * 1000)::bigint, '{7989,17042,27299,38923,52095,67020,83933,103097,124813,149421,177305,208901,244705,285276,331249,383343,442374,509264,585061,670950,768274,878558,1003525,1145132,1305594,1487420,1693457,1926927,2191483,2491265,2830962,3215889,3652069,4146325,4706390,5341028,6060166,6875057,7798449,8844790,10030448,11373976,12896392,14621516,16576337,18791440,21301480,24145728,27368683,31020769,35159126,39848498,45162253,51183526,58006522,65737990,74498890,84426291,95675510,108422545,122866828,139234345,157781171,178797479,202612076,229597549,260176097,294826130,334089763,378581286,428996788,486125036,550859821,624213943,707335053,801523610,908253227,1029193729,1166237270,1321527948,1497495339,1696892515,1922839118,2178870160,2468991341,2797741707,3170264677,3592388503,4070717464,4612735186,5226921729,5922886261,6711517393,7605153540,8617775958,9765227485,11065460408,12538817332,14208349452,16100177191,18243898867,20673053768,23425646887,26544743521,30079143046,34084142401,38622401225,43764922191,49592161868,56195289494,63677613349,72156197050}'::bigint[])
WHERE left_at IS NOT NULL AND duration_bucket IS NULL;
--> statement-breakpoint
INSERT INTO stage_duration_days (org_id, day, status, bucket, intervals)
SELECT org_id, (left_at AT TIME ZONE 'UTC')::date, status, duration_bucket, count(*)
FROM offer_stage_intervals
WHERE left_at IS NOT NULL
GROUP BY 1, 2, 3, 4
ON CONFLICT (org_id, day, status, bucket) DO UPDATE SET intervals = excluded.intervals;
