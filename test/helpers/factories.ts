import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { roles, type Role } from '../../src/core/roles';
import { addDays, isoDate } from '../../src/core/dates';
import type { Db } from '../../src/db/client';
import { hashPassword } from '../../src/auth/secrets';
import * as setup from '../../src/directory/org-setup.repo';
import type { OfferTermsInput } from '../../src/flow/intake/offer-terms.schema';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Cookie-authenticated writes must carry this header (a cross-site form cannot send it);
 * spread it into the headers of every POST/PUT/PATCH/DELETE made with a session cookie.
 */
export const csrfHeader = { 'x-requested-with': 'offerline' } as const;
let passwordHash: Promise<string> | null = null;

export interface OrgFixture {
  orgId: string;
  slug: string;
  businessUnitId: string;
  departmentId: string;
  candidateId: string;
  requisitionId: string;
  /** One user per role; e-mail is `${role}@${slug}.test`. */
  users: Record<Role, { id: string; email: string }>;
}

/** An organisation with one user in every role, a department, a candidate, a requisition and its band. */
export async function createOrgFixture(db: Db, slug = `org${randomBytes(4).toString('hex')}`): Promise<OrgFixture> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const org = await setup.insertOrganization(db, { name: `Org ${slug}`, slug });
  const bu = await setup.insertBusinessUnit(db, { orgId: org.id, name: 'Engineering' });
  const users = {} as OrgFixture['users'];
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const u = await setup.insertUser(db, { orgId: org.id, email, name: `${role} person`, passwordHash: await passwordHash });
    await setup.grantRole(db, org.id, u.id, role);
    users[role] = { id: u.id, email };
  }
  const dept = await setup.insertDepartment(db, { orgId: org.id, businessUnitId: bu.id, name: 'Platform', hrbpId: users.hrbp.id });
  const candidate = await setup.insertCandidate(db, { orgId: org.id, firstName: 'Ada', lastName: 'Lovelace', email: `ada@${slug}.test`, city: 'Oakland', state: 'CA' });
  const req = await setup.insertRequisition(db, {
    orgId: org.id,
    departmentId: dept.id,
    code: 'ENG-1',
    title: 'Backend Engineer',
    level: 'L4',
    locationCity: 'San Francisco',
    locationState: 'CA',
    locationZone: 'zone_a',
    employmentType: 'full_time',
    flsaStatus: 'exempt',
    hiringManagerId: users.hiring_manager.id,
    currency: 'USD',
  });
  await setup.insertCompBand(db, { orgId: org.id, level: 'L4', zone: 'zone_a', currency: 'USD', minCents: 150_000_00, midCents: 175_000_00, maxCents: 200_000_00 });
  return { orgId: org.id, slug, businessUnitId: bu.id, departmentId: dept.id, candidateId: candidate.id, requisitionId: req.id, users };
}

/** Valid terms relative to `today`; override any part. */
export function validTerms(fx: OrgFixture, today: Date, overrides: Partial<OfferTermsInput> = {}): OfferTermsInput {
  const d = isoDate(today);
  return {
    title: 'Backend Engineer',
    level: 'L4',
    departmentId: fx.departmentId,
    location: { city: 'San Francisco', state: 'CA', remote: false },
    employmentType: 'full_time',
    flsaStatus: 'exempt',
    compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 180_000_00, bonusTargetPercent: 10 },
    startDate: addDays(d, 30),
    expiresOn: addDays(d, 7),
    managerId: fx.users.hiring_manager.id,
    clauses: [],
    contingencies: ['background_check'],
    ...overrides,
  };
}

/** Signs in through the API and returns the Cookie header value. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: csrfHeader, payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'offerline_session');
  return `offerline_session=${cookie!.value}`;
}
