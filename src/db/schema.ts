import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
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
    /** The working copy while in draft; frozen into offer_versions on submit. */
    draftTerms: jsonb('draft_terms'),
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
