import { bucketSql, millisecondsSql } from './duration-buckets';

/**
 * Backfills of migrations 0011 and 0012 (metrics read models), kept here so tests can run them against what
 * the live hooks wrote; the migration holds the same statements (a test keeps them equal).
 */

/**
 * Level and employment type of each stage interval: the terms of the version it belongs to, and
 * for intervals before the first submit the draft (or, once submitted, the first version: draft
 * edits are not journaled with their values).
 */
export const intervalTermsBackfillSql = `UPDATE offer_stage_intervals i
SET level = t.terms->>'level', employment_type = t.terms->>'employmentType'
FROM (
  SELECT i2.id, CASE WHEN i2.version_number > 0
      THEN (SELECT v.terms FROM offer_versions v WHERE v.offer_id = i2.offer_id AND v.number = i2.version_number)
      ELSE COALESCE(o.draft_terms, (SELECT v.terms FROM offer_versions v WHERE v.offer_id = i2.offer_id AND v.number = 1))
    END AS terms
  FROM offer_stage_intervals i2 JOIN offers o ON o.id = i2.offer_id
  WHERE i2.level IS NULL AND i2.employment_type IS NULL
) t
WHERE t.id = i.id;`;

/** One milestone row per offer without one, from its journal: first times, revisions, exceptions, decline reason. */
export const milestonesBackfillSql = `INSERT INTO offer_milestones
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
GROUP BY o.id, v.terms;`;

/** Whom each existing approval step was routed to, read from the policy version that made it. */
export const approverRoleBackfillSql = `UPDATE approval_steps s
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
WHERE s.approver_role IS NULL;`;

/** Migration 0012: the duration bucket of every closed interval without one. */
export const intervalBucketsBackfillSql = `UPDATE offer_stage_intervals
SET duration_bucket = ${bucketSql(millisecondsSql('entered_at', 'left_at'))}
WHERE left_at IS NOT NULL AND duration_bucket IS NULL;`;

const recountStageDurationDays = (scope: string) => `INSERT INTO stage_duration_days (org_id, day, status, bucket, intervals)
SELECT org_id, (left_at AT TIME ZONE 'UTC')::date, status, duration_bucket, count(*)
FROM offer_stage_intervals
WHERE left_at IS NOT NULL${scope}
GROUP BY 1, 2, 3, 4
ON CONFLICT (org_id, day, status, bucket) DO UPDATE SET intervals = excluded.intervals;`;

/** Migration 0012: stage_duration_days counted from the closed intervals (a recount, so it can run again). */
export const stageDurationDaysBackfillSql = recountStageDurationDays('');

/** The same recount for one organisation ($1), after a bulk load of generated history. */
export const stageDurationDaysForOrgSql = recountStageDurationDays(' AND org_id = $1');
