import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  smallint,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The one database schema, applied by committed SQL migrations on the embedded
 * engine and on PostgreSQL alike. Every tenant table carries `org_id`; money is
 * integer minor units beside an ISO 4217 code; instants are timestamptz (UTC).
 */
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const money = (name: string) => bigint(name, { mode: 'number' });

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Letterhead and company signatory of offer documents: { addressLines, signatoryName, signatoryTitle, logoSha256 }. */
  letterhead: jsonb('letterhead'),
  /** Signing settings: { signatoryUserId, countersignOrder: before | after, candidateReminderDays }; null = defaults. */
  signing: jsonb('signing'),
  createdAt: createdAt(),
});

export const businessUnits = pgTable('business_units', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    /** Single sign-on identity: the OpenID Connect issuer and subject this user signs in as. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    /** The person this user reports to: the "hiring manager's manager" relation of approval policies. */
    managerId: uuid('manager_id'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_key').on(t.oidcIssuer, t.oidcSubject),
  ],
);

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  businessUnitId: uuid('business_unit_id').notNull().references(() => businessUnits.id),
  name: text('name').notNull(),
  hrbpId: uuid('hrbp_id').references(() => users.id),
  createdAt: createdAt(),
});

export const userRoles = pgTable(
  'user_roles',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    /** Null: the role holds across the organisation. */
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
  },
  (t) => [uniqueIndex('user_roles_scope_key').on(t.userId, t.role, sql`coalesce(${t.businessUnitId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the value itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    authMethod: text('auth_method').notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

export const candidates = pgTable('candidates', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email').notNull(),
  phone: text('phone'),
  city: text('city'),
  state: text('state'),
  createdAt: createdAt(),
});

export const requisitions = pgTable('requisitions', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  departmentId: uuid('department_id').notNull().references(() => departments.id),
  code: text('code').notNull(),
  title: text('title').notNull(),
  level: text('level').notNull(),
  locationCity: text('location_city').notNull(),
  locationState: text('location_state').notNull(),
  remote: boolean('remote').notNull().default(false),
  locationZone: text('location_zone').notNull(),
  employmentType: text('employment_type').notNull(),
  flsaStatus: text('flsa_status').notNull(),
  hiringManagerId: uuid('hiring_manager_id').references(() => users.id),
  /** Role family (engineering, sales…) that packet selection rules may match. */
  roleFamily: text('role_family'),
  currency: text('currency').notNull(),
  status: text('status').notNull().default('open'),
  createdAt: createdAt(),
});

export const compBands = pgTable(
  'comp_bands',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    level: text('level').notNull(),
    zone: text('zone').notNull(),
    currency: text('currency').notNull(),
    minCents: money('min_cents').notNull(),
    midCents: money('mid_cents').notNull(),
    maxCents: money('max_cents').notNull(),
  },
  (t) => [uniqueIndex('comp_bands_key').on(t.orgId, t.level, t.zone, t.currency)],
);

export const budgets = pgTable('budgets', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  requisitionId: uuid('requisition_id').references(() => requisitions.id),
  departmentId: uuid('department_id').references(() => departments.id),
  amountCents: money('amount_cents').notNull(),
  currency: text('currency').notNull(),
  period: text('period').notNull(),
});

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    businessUnitId: uuid('business_unit_id').notNull().references(() => businessUnits.id),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    candidateId: uuid('candidate_id').notNull().references(() => candidates.id),
    requisitionId: uuid('requisition_id').references(() => requisitions.id),
    recruiterId: uuid('recruiter_id').notNull().references(() => users.id),
    status: text('status').notNull(),
    /** Denormalised from the working terms for listing, search and keyset paging. */
    title: text('title').notNull(),
    candidateName: text('candidate_name').notNull(),
    startDate: text('start_date').notNull(),
    /** Number of the latest frozen version; 0 until the first submit. */
    currentVersion: integer('current_version').notNull().default(0),
    /** The approval policy version the offer was routed by; kept until an admin moves it. */
    policyVersionId: uuid('policy_version_id'),
    /** The working copy while in draft; frozen into offer_versions on submit. */
    draftTerms: jsonb('draft_terms'),
    /**
     * The current custom values ({ key: value }): the draft's `terms.custom`, or the current
     * version's once submitted. Kept by a trigger (migration 0018) wherever draft_terms or
     * current_version change, so list, board and metric filters read one column.
     */
    customValues: jsonb('custom_values').notNull().default({}),
    /** Bumped on every write; clients send it back in If-Match. */
    rowVersion: integer('row_version').notNull().default(1),
    journalSeq: integer('journal_seq').notNull().default(0),
    journalHead: text('journal_head').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('offers_org_updated_idx').on(t.orgId, t.updatedAt, t.id),
    index('offers_org_status_idx').on(t.orgId, t.status),
    // The status board's stage counts and filters: open offers only, read from the index alone.
    index('offers_open_idx')
      .on(t.orgId, t.status, t.businessUnitId, t.departmentId, t.recruiterId)
      .where(sql`${t.status} not in ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn')`),
    // Custom field filters are containment tests (custom_values @> {"key": value}).
    index('offers_custom_values_idx').using('gin', t.customValues.op('jsonb_path_ops')),
  ],
);

export const offerVersions = pgTable(
  'offer_versions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    number: integer('number').notNull(),
    terms: jsonb('terms').notNull(),
    /** Random salt for the terms hash recorded in the journal; erasing it unlinks the hash. */
    termsSalt: text('terms_salt').notNull(),
    /** The custom field definitions the version's custom values were captured under: { key: { definitionId, version } }. */
    fieldVersions: jsonb('field_versions').notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('offer_versions_number_key').on(t.offerId, t.number)],
);

export const journal = pgTable(
  'journal',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('journal_offer_seq_key').on(t.offerId, t.seq)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.key] })],
);

/**
 * Failed sign-ins per key (an e-mail, or a client address), for rate limiting
 * and temporary lockout. Shared by every server process.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/** Every view of another person's compensation: who, which offer, which fields. Append-only. */
export const compensationViews = pgTable(
  'compensation_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    actorId: uuid('actor_id').notNull().references(() => users.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    fields: jsonb('fields').notNull(),
    via: text('via').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [index('compensation_views_org_at_idx').on(t.orgId, t.at)],
);

/** One approval policy per organisation, or per business unit where a unit needs its own. */
export const approvalPolicies = pgTable(
  'approval_policies',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
    currentVersion: integer('current_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('approval_policies_scope_key').on(t.orgId, sql`coalesce(${t.businessUnitId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

/** Every saved version of a policy, as written (source) and as parsed (document). Immutable. */
export const approvalPolicyVersions = pgTable(
  'approval_policy_versions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    policyId: uuid('policy_id').notNull().references(() => approvalPolicies.id),
    number: integer('number').notNull(),
    format: text('format').notNull(),
    source: text('source').notNull(),
    document: jsonb('document').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('approval_policy_versions_number_key').on(t.policyId, t.number)],
);

/** The concrete approval steps of one offer version, made from the policy on submit. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    policyVersionId: uuid('policy_version_id').notNull().references(() => approvalPolicyVersions.id),
    phase: text('phase').notNull(),
    stageIndex: integer('stage_index').notNull(),
    stageKey: text('stage_key').notNull(),
    stageName: text('stage_name').notNull(),
    stepKey: text('step_key').notNull(),
    stepName: text('step_name').notNull(),
    /** waiting | pending | approved | rejected | changes_requested | carried_over | not_needed | superseded */
    status: text('status').notNull(),
    explanation: text('explanation').notNull(),
    conditionHeld: boolean('condition_held').notNull(),
    approverIds: jsonb('approver_ids').notNull(),
    /** Whom the policy routed the step to, for metrics by role: a role, a relation's role, or 'named_user'. */
    approverRole: text('approver_role'),
    /** Approvals needed to pass: all approvers, one, or N of them. */
    quorum: integer('quorum').notNull(),
    covers: jsonb('covers').notNull(),
    slaHours: integer('sla_hours'),
    reminderHours: jsonb('reminder_hours').notNull(),
    escalationIds: jsonb('escalation_ids').notNull(),
    carriedFromVersion: integer('carried_from_version'),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Superseded steps stay as history; a version re-routed under a newer policy gets fresh ones.
    uniqueIndex('approval_steps_key').on(t.offerId, t.versionNumber, t.stageKey, t.stepKey).where(sql`status <> 'superseded'`),
    index('approval_steps_org_status_idx').on(t.orgId, t.status),
    // Time to approve and SLA adherence read decided steps by decision time.
    index('approval_steps_org_decided_idx').on(t.orgId, t.decidedAt).where(sql`${t.decidedAt} is not null`),
    // The board's SLA filter starts from pending steps by due time.
    index('approval_steps_pending_due_idx').on(t.orgId, t.dueAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Each approve / reject / request-changes, with the approver and who acted for them. Append-only. */
export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    stepId: uuid('step_id').notNull().references(() => approvalSteps.id),
    approverId: uuid('approver_id').notNull().references(() => users.id),
    actedById: uuid('acted_by_id').notNull().references(() => users.id),
    decision: text('decision').notNull(),
    comment: text('comment').notNull(),
    via: text('via').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [index('approval_decisions_step_idx').on(t.stepId)],
);

/** "While I am away, this person approves for me." */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    delegateId: uuid('delegate_id').notNull().references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('approval_delegations_user_idx').on(t.userId)],
);

/** Days the organisation does not work, on top of US federal holidays. */
export const orgHolidays = pgTable(
  'org_holidays',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    date: text('date').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.date] })],
);

/** Single-use links in approval e-mails; only the SHA-256 of the token is kept. */
export const approvalLinks = pgTable('approval_links', {
  tokenHash: text('token_hash').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  stepId: uuid('step_id').notNull().references(() => approvalSteps.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** The in-app inbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    offerId: uuid('offer_id').references(() => offers.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Every e-mail the product sends. Delivered over SMTP by a job when SMTP is configured;
 * otherwise it stays here (status `held`) and admins read it in the web app.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Files sent with the message, read from the object store at delivery: [{ filename, sha256, contentType }]. */
    attachments: jsonb('attachments').notNull().default([]),
    /** queued | sent | held | failed */
    status: text('status').notNull(),
    messageId: text('message_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('outbound_emails_org_created_idx').on(t.orgId, t.createdAt)],
);

/**
 * The job queue behind every timer (reminders, escalations, expiry, e-mail delivery).
 * Workers claim due rows with FOR UPDATE SKIP LOCKED, so each job runs in one process.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    orgId: uuid('org_id').references(() => organizations.id),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    /** A job with the same key is never queued twice (e.g. "reminder:<step>:1"). */
    dedupeKey: text('dedupe_key').unique(),
    /** queued | running | done | failed | cancelled */
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date', precision: 3 }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date', precision: 3 }),
  },
  (t) => [index('jobs_due_idx').on(t.state, t.runAt)],
);

/** Every stored document, by the SHA-256 of its bytes; the bytes live in the object store. */
export const storedObjects = pgTable('stored_objects', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  createdAt: createdAt(),
});

/** Offer letters, addenda and notices of an organisation, each with its versions. */
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** letter | addendum | notice */
    kind: text('kind').notNull(),
    /** liquid | docx */
    format: text('format').notNull(),
    currentVersion: integer('current_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('document_templates_key').on(t.orgId, t.key)],
);

export const documentTemplateVersions = pgTable(
  'document_template_versions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    templateId: uuid('template_id').notNull().references(() => documentTemplates.id),
    number: integer('number').notNull(),
    /** The Liquid source; null for a Word template, whose file is `docx_sha256` in the object store. */
    source: text('source'),
    docxSha256: text('docx_sha256'),
    /** Catalogue fields the version uses, found at save time. */
    fields: jsonb('fields').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('document_template_versions_number_key').on(t.templateId, t.number)],
);

/** Standard clauses and addenda text; an offer clause that differs from its library text is non-standard. */
export const clauses = pgTable(
  'clauses',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    key: text('key').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where the clause applies: { employmentTypes?, states?, businessUnitIds? }; empty lists mean everywhere. */
    appliesTo: jsonb('applies_to').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('clauses_key').on(t.orgId, t.key)],
);

export const clauseVersions = pgTable(
  'clause_versions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    clauseId: uuid('clause_id').notNull().references(() => clauses.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('clause_versions_number_key').on(t.clauseId, t.number)],
);

/** Which templates make a packet: each rule names a template and when it applies; evaluated in position order. */
export const packetRules = pgTable(
  'packet_rules',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    position: integer('position').notNull(),
    templateKey: text('template_key').notNull(),
    description: text('description').notNull(),
    /** { employmentTypes?, states?, flsaStatuses?, roleFamilies?, businessUnitIds? }: all given lists must match; empty or absent means any. */
    match: jsonb('match').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('packet_rules_org_idx').on(t.orgId, t.position)],
);

/** The documents of one offer version, each stored by SHA-256, with the rule that chose it. */
export const packets = pgTable(
  'packets',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    documents: jsonb('documents').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('packets_version_key').on(t.offerId, t.versionNumber)],
);

/**
 * Links to the candidate portal. Only the SHA-256 of the token is kept; a link is bound to one
 * offer version, ends at the offer's expiry, and is revoked when a newer version is sent or the
 * offer is rescinded or withdrawn.
 */
export const candidateLinks = pgTable(
  'candidate_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedReason: text('revoked_reason'),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true, mode: 'date' }),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true, mode: 'date' }),
    /** The one-time code e-mailed before signing: its SHA-256, expiry and failed tries. */
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true, mode: 'date' }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('candidate_links_offer_idx').on(t.offerId)],
);

/**
 * Every signature given on an offer version, with what proves it (ESIGN / UETA): when, from where,
 * how the signer was authenticated, and the hash of the consent text they accepted. Append-only.
 */
export const offerSignatures = pgTable(
  'offer_signatures',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    /** candidate | company */
    signer: text('signer').notNull(),
    signerName: text('signer_name').notNull(),
    /** The company user who countersigned; null for the candidate. */
    userId: uuid('user_id').references(() => users.id),
    /** typed | drawn */
    kind: text('kind').notNull(),
    drawnSha256: text('drawn_sha256'),
    authMethod: text('auth_method').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    consentVersion: text('consent_version'),
    consentSha256: text('consent_sha256'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('offer_signatures_signer_key').on(t.offerId, t.versionNumber, t.signer)],
);

/** The certificate each organisation seals completed documents with; one active row, earlier ones kept. */
export const sealCertificates = pgTable(
  'seal_certificates',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    /** PKCS#12 bundle (key and chain), base64. */
    p12: text('p12').notNull(),
    passphrase: text('passphrase').notNull(),
    subject: text('subject').notNull(),
    fingerprintSha256: text('fingerprint_sha256').notNull(),
    notAfter: timestamp('not_after', { withTimezone: true, mode: 'date' }).notNull(),
    /** generated | uploaded */
    source: text('source').notNull(),
    createdAt: createdAt(),
    replacedAt: timestamp('replaced_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('seal_certificates_active_key').on(t.orgId).where(sql`${t.replacedAt} is null`)],
);

/** The sealed, signed documents of a completed offer version. */
export const signedDocuments = pgTable(
  'signed_documents',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    templateKey: text('template_key').notNull(),
    name: text('name').notNull(),
    originalSha256: text('original_sha256').notNull(),
    finalSha256: text('final_sha256').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('signed_documents_key').on(t.offerId, t.versionNumber, t.templateKey)],
);

/**
 * A request to change an offer: from the candidate through the portal or from inside. Each delta
 * names a field, its value on the version asked about and the value asked for.
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    /** candidate | internal */
    source: text('source').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    deltas: jsonb('deltas').notNull(),
    reason: text('reason'),
    comment: text('comment').notNull().default(''),
    /** open | answered | rejected */
    status: text('status').notNull().default('open'),
    answeredByVersion: integer('answered_by_version'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [index('change_requests_offer_idx').on(t.offerId, t.createdAt)],
);

/** Fixed-window request counters shared by every server process (portal rate limits). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * A contingency of an offer version: the kinds named in its terms plus custom ones. Decided one by
 * one (cleared, waived with a reason, failed); handoff waits until none is pending or failed.
 */
export const contingencies = pgTable(
  'contingencies',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    versionNumber: integer('version_number').notNull(),
    /** background_check | references | work_authorization | drug_screen | custom */
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    /** pending | cleared | waived | failed */
    status: text('status').notNull().default('pending'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    /** Date only (YYYY-MM-DD). */
    dueDate: text('due_date'),
    /** Why it was waived or failed. */
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('contingencies_offer_idx').on(t.offerId)],
);

/** The tasks onboarding starts from: chosen by employment type and business unit, due relative to the start date. */
export const onboardingTaskTemplates = pgTable(
  'onboarding_task_templates',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** hr_ops | it | payroll | hiring_manager | recruiter */
    ownerRole: text('owner_role').notNull(),
    /** Days from the start date; negative is before it. */
    dueOffsetDays: integer('due_offset_days').notNull(),
    /** Employment types it applies to; empty means all. */
    employmentTypes: jsonb('employment_types').notNull().default([]),
    /** Null means every business unit. */
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
    position: integer('position').notNull().default(0),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('onboarding_task_templates_key').on(t.orgId, t.key)],
);

export const onboardingTasks = pgTable(
  'onboarding_tasks',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    templateKey: text('template_key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerRole: text('owner_role').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    dueDate: text('due_date').notNull(),
    /** open | done | skipped */
    status: text('status').notNull().default('open'),
    doneBy: uuid('done_by').references(() => users.id),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('onboarding_tasks_offer_template_key').on(t.offerId, t.templateKey), index('onboarding_tasks_org_role_idx').on(t.orgId, t.ownerRole, t.status)],
);

/** The handoff of an accepted offer: the start date confirmed and when it went to onboarding. */
export const offerHandoffs = pgTable('offer_handoffs', {
  offerId: uuid('offer_id').primaryKey().references(() => offers.id),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  versionNumber: integer('version_number').notNull(),
  startDateConfirmed: text('start_date_confirmed'),
  confirmedBy: uuid('confirmed_by').references(() => users.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  /** The handoff record as exported (JSON), frozen when the offer is handed off. */
  record: jsonb('record'),
  handedOffAt: timestamp('handed_off_at', { withTimezone: true, mode: 'date', precision: 3 }),
  createdAt: createdAt(),
});

/** An outbound webhook subscription (Standard Webhooks). The secret signs; the previous one keeps signing during rotation. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Event types subscribed to, e.g. ["offer.accepted", "approval.decided"]; ["*"] for all. */
    eventTypes: jsonb('event_types').notNull(),
    /** whsec_… (base64 key); needed in clear to sign. */
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, mode: 'date' }),
    /** active | disabled */
    status: text('status').notNull().default('active'),
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('webhook_endpoints_org_idx').on(t.orgId)],
);

/** Every event offered to subscribers, in order per offer (`offer_seq`). */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').references(() => offers.id),
    /** Per-offer order; 0 for events not about an offer. */
    offerSeq: integer('offer_seq').notNull().default(0),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [index('webhook_events_org_created_idx').on(t.orgId, t.createdAt), index('webhook_events_offer_idx').on(t.offerId, t.offerSeq)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
    eventId: text('event_id').notNull().references(() => webhookEvents.id),
    offerId: uuid('offer_id'),
    offerSeq: integer('offer_seq').notNull().default(0),
    /** pending | delivered | failed (gave up) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_offer_idx').on(t.endpointId, t.offerId, t.offerSeq),
  ],
);

/** One HTTP attempt of a delivery: the log admins read and replay from. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    responseBody: text('response_body'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);

/** An ATS that may create or pre-fill draft offers: its token (hashed) and how its payload maps to offer fields. */
export const atsConnections = pgTable('ats_connections', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The recruiter drafts are created for when the payload names none. */
  defaultRecruiterId: uuid('default_recruiter_id').references(() => users.id),
  fieldMapping: jsonb('field_mapping').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/** Inbound ATS events by their own id: the same event twice makes one draft. */
export const atsInboundEvents = pgTable(
  'ats_inbound_events',
  {
    connectionId: uuid('connection_id').notNull().references(() => atsConnections.id),
    externalId: text('external_id').notNull(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').references(() => offers.id),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.externalId] })],
);

/** A CSV import: dry run or applied, with the line-by-line report. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    /** requisitions | candidates | comp_bands */
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    dryRun: boolean('dry_run').notNull(),
    /** running | done | failed */
    status: text('status').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    goodRows: integer('good_rows').notNull().default(0),
    badRows: integer('bad_rows').notNull().default(0),
    /** [{ line, column, message }], capped. */
    problems: jsonb('problems').notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('import_runs_org_created_idx').on(t.orgId, t.createdAt)],
);

/**
 * Read model: one row per offer per lifecycle stage interval, kept current in the transaction that
 * writes each journal entry (src/offers/stage-intervals.repo.ts). The board and metrics read this
 * instead of replaying the journal. `left_at` is null on the one open interval of an offer.
 */
export const offerStageIntervals = pgTable(
  'offer_stage_intervals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    offerId: uuid('offer_id').notNull().references(() => offers.id),
    businessUnitId: uuid('business_unit_id').notNull().references(() => businessUnits.id),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    recruiterId: uuid('recruiter_id').notNull().references(() => users.id),
    /** Level and employment type of the offer's terms when the interval opened, for metric filters. */
    level: text('level'),
    employmentType: text('employment_type'),
    /** The lifecycle status the offer was in during the interval. */
    status: text('status').notNull(),
    /** The latest frozen version when the interval opened; 0 before the first submit. */
    versionNumber: integer('version_number').notNull().default(0),
    enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** The lifecycle event that ended the interval. */
    leftByEvent: text('left_by_event'),
    /** Which duration bucket the closed interval falls in (src/offers/duration-buckets.ts); null while open. */
    durationBucket: smallint('duration_bucket'),
  },
  (t) => [
    index('offer_stage_intervals_offer_idx').on(t.offerId, t.enteredAt),
    // At most one open interval per offer; the hook closes it by this index.
    uniqueIndex('offer_stage_intervals_one_open_key').on(t.offerId).where(sql`${t.leftAt} is null`),
    index('offer_stage_intervals_open_idx').on(t.orgId, t.status).where(sql`${t.leftAt} is null`),
    index('offer_stage_intervals_org_entered_idx').on(t.orgId, t.enteredAt),
    // Cycle time reads closed intervals by the time they ended.
    index('offer_stage_intervals_org_left_idx').on(t.orgId, t.leftAt).where(sql`${t.leftAt} is not null`),
    // Exact percentiles: the intervals of one stage and duration bucket in a period, durations from the index alone.
    index('offer_stage_intervals_bucket_span_idx').on(t.orgId, t.status, t.durationBucket, t.leftAt, t.enteredAt).where(sql`${t.leftAt} is not null`),
    // Cycle time for one business unit (or a caller scoped to some): that unit's closed intervals in a period, from the index alone.
    index('offer_stage_intervals_unit_left_idx')
      .on(t.orgId, t.businessUnitId, t.leftAt, t.status, t.enteredAt)
      .where(sql`${t.leftAt} is not null`),
    // The status board: open offers only, oldest in stage first.
    index('offer_stage_intervals_active_idx')
      .on(t.orgId, t.enteredAt, t.offerId)
      .where(sql`${t.leftAt} is null and ${t.status} not in ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn')`),
  ],
);

/**
 * Read model: one row per offer with the first time it reached each milestone and what happened
 * to it, kept current in the transaction that writes each journal entry
 * (src/offers/milestones.repo.ts). Acceptance, fall-through, revisions, exceptions and time from
 * approval to send read this instead of the journal.
 */
export const offerMilestones = pgTable(
  'offer_milestones',
  {
    offerId: uuid('offer_id').primaryKey().references(() => offers.id),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    businessUnitId: uuid('business_unit_id').notNull().references(() => businessUnits.id),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    recruiterId: uuid('recruiter_id').notNull().references(() => users.id),
    level: text('level'),
    employmentType: text('employment_type'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date', precision: 3 }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date', precision: 3 }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date', precision: 3 }),
    verbalAcceptedAt: timestamp('verbal_accepted_at', { withTimezone: true, mode: 'date', precision: 3 }),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date', precision: 3 }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date', precision: 3 }),
    handedOffAt: timestamp('handed_off_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** When the offer reached a terminal status (handed off, declined, expired, cancelled, rescinded, withdrawn). */
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** Versions made after the first (each answer to a change request or resubmission after changes). */
    revisions: integer('revisions').notNull().default(0),
    outOfBand: boolean('out_of_band').notNull().default(false),
    overBudget: boolean('over_budget').notNull().default(false),
    nonStandardClause: boolean('non_standard_clause').notNull().default(false),
    declineReason: text('decline_reason'),
  },
  (t) => [
    index('offer_milestones_org_created_idx').on(t.orgId, t.createdAt),
    index('offer_milestones_org_ended_idx').on(t.orgId, t.endedAt),
    // Each metric reads one milestone's range: accepted (end to end, outcomes), submitted (exceptions), sent, verbal acceptance.
    index('offer_milestones_org_accepted_idx').on(t.orgId, t.acceptedAt).where(sql`${t.acceptedAt} is not null`),
    index('offer_milestones_org_submitted_idx').on(t.orgId, t.submittedAt).where(sql`${t.submittedAt} is not null`),
    index('offer_milestones_org_sent_idx').on(t.orgId, t.sentAt).where(sql`${t.sentAt} is not null`),
    index('offer_milestones_org_verbal_idx').on(t.orgId, t.verbalAcceptedAt).where(sql`${t.verbalAcceptedAt} is not null`),
  ],
);

/**
 * Read model: how many stage intervals closed per UTC day, stage and duration bucket, kept current
 * with offer_stage_intervals. Cycle-time percentiles over a long period find the bucket holding each
 * percentile's rank here, then read only that bucket's intervals for the exact value.
 */
export const stageDurationDays = pgTable(
  'stage_duration_days',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    day: date('day', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    bucket: smallint('bucket').notNull(),
    intervals: integer('intervals').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.status, t.bucket] })],
);

/**
 * Custom offer fields an organisation (or one business unit) defines. The key never changes and
 * is never reused: values captured under it keep their meaning. Retiring is final.
 */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    /** Null: organisation-wide. */
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
    key: text('key').notNull(),
    currentVersion: integer('current_version').notNull().default(0),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    retiredBy: uuid('retired_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('field_definitions_scope_key').on(t.orgId, sql`coalesce(${t.businessUnitId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.key),
  ],
);

/** Every saved version of a field definition, as validated. Immutable. */
export const fieldDefinitionVersions = pgTable(
  'field_definition_versions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    definitionId: uuid('definition_id').notNull().references(() => fieldDefinitions.id),
    number: integer('number').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('field_definition_versions_number_key').on(t.definitionId, t.number)],
);

/** Who retired a field, when and why; a forced retirement names the users it overrode. Append-only. */
export const fieldDefinitionRetirements = pgTable(
  'field_definition_retirements',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    definitionId: uuid('definition_id').notNull().references(() => fieldDefinitions.id),
    versionNumber: integer('version_number').notNull(),
    forced: boolean('forced').notNull(),
    reason: text('reason'),
    /** The users of the field found at retirement: [{ kind, id, name, number, current }]. */
    usedBy: jsonb('used_by').notNull(),
    retiredBy: uuid('retired_by').notNull().references(() => users.id),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('field_definition_retirements_definition_key').on(t.definitionId)],
);

/**
 * A user's saved filters and columns of the offers list or the status board, optionally shared
 * with roles and / or a business unit. A view holds filters only: whoever applies it still sees
 * only what their own roles allow.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    ownerId: uuid('owner_id').notNull().references(() => users.id),
    /** offers | board */
    page: text('page').notNull(),
    name: text('name').notNull(),
    /** The page's query parameters as a query string carries them, e.g. {"stage": "comp_review", "sla": "breached"}. */
    filters: jsonb('filters').notNull(),
    /** Ordered column keys of the page. */
    columns: jsonb('columns').notNull(),
    /** Role names the view is shared with; [] when not shared by role. */
    sharedWithRoles: jsonb('shared_with_roles').notNull().default([]),
    sharedWithBusinessUnitId: uuid('shared_with_business_unit_id').references(() => businessUnits.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [uniqueIndex('saved_views_owner_page_name_key').on(t.orgId, t.ownerId, t.page, t.name), index('saved_views_org_page_idx').on(t.orgId, t.page)],
);
