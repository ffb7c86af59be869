/**
 * Rebuilds `offer_stage_intervals` from the journal for every offer that has no interval yet:
 * `offer.created` opens a 'draft' interval, each `offer.transitioned` that changes the status
 * (from <> to) opens one for `to`; LEAD over an offer's changes in seq order closes each interval
 * at the next change and names the event that ended it. A same-state event changes nothing.
 * Migration 0010_stage_intervals.sql runs this same statement (a test keeps the two equal).
 */
export const stageIntervalsBackfillSql = `INSERT INTO offer_stage_intervals
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
ORDER BY c.offer_id, c.seq;`;
