import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { addDays, isoDate } from '../core/dates';
import type { Role } from '../core/roles';
import type { Database, Db } from '../db/client';
import { hashPassword } from '../auth/secrets';
import * as setup from '../directory/org-setup.repo';
import { saveSigningSettings } from '../flow/signing/signing.repo';
import { createIntakeService } from '../flow/intake/intake.service';
import type { OfferTermsInput } from '../flow/intake/offer-terms.schema';
import { offerTermsSchema } from '../flow/intake/offer-terms.schema';
import { createOfferEventsService } from '../offers/offer-events.service';
import { createApprovalHooks } from '../flow/approvals/approval-hooks';
import { parsePolicy } from '../flow/policy/policy-parse';
import { insertPolicy, insertPolicyVersion } from '../flow/policy/policy.repo';
import { samplePolicySource } from '../flow/policy/sample-policy';
import { randomUUID } from 'node:crypto';
import { createLibraryService } from '../flow/documents/library.service';
import { installSampleLibrary } from '../flow/documents/sample-library';
import type { ObjectStore } from '../storage/object-store';
import { installSampleTaskTemplates } from '../flow/handoff/sample-task-templates';
import { seedDemoHistory } from './demo-history';
import { seedDemoFields } from './demo-fields';
import { executorOf } from './history/writer';

export const DEMO_ORG_SLUG = 'northwind';
export const DEMO_PASSWORD = 'offerline-demo';

const people: { key: string; name: string; role: Role }[] = [
  { key: 'admin', name: 'Avery Stone', role: 'admin' },
  { key: 'recruiter', name: 'Riley Chen', role: 'recruiter' },
  { key: 'manager', name: 'Morgan Patel', role: 'hiring_manager' },
  { key: 'finance', name: 'Dana Lee', role: 'finance' },
  { key: 'hrbp', name: 'Sam Rivera', role: 'hrbp' },
  { key: 'legal', name: 'Jordan Brooks', role: 'legal' },
  { key: 'hrops', name: 'Casey Nguyen', role: 'hr_ops' },
  { key: 'it', name: 'Taylor Kim', role: 'it' },
  { key: 'payroll', name: 'Jamie Ortiz', role: 'payroll' },
  { key: 'vp', name: 'Quinn Harper', role: 'hiring_manager' },
  // The recruiting-operations lead: a recruiter across the organisation who watches the board and the metrics.
  { key: 'ops', name: 'Drew Okafor', role: 'recruiter' },
];

export const demoEmail = (key: string) => `${key}@northwind.example`;

export interface DemoSeedResult {
  created: boolean;
  organization: string;
  signIns: { email: string; role: Role }[];
}

/** A demo organisation with people in every role, requisitions, bands and offers. Runs once. */
export async function seedDemo(database: Database, clock: Clock, store: ObjectStore): Promise<DemoSeedResult> {
  const { db } = database;
  const signIns = people.map((p) => ({ email: demoEmail(p.key), role: p.role }));
  const existing = await setup.findOrganizationBySlug(db, DEMO_ORG_SLUG);
  if (existing) return { created: false, organization: existing.name, signIns };

  const org = await setup.insertOrganization(db, {
    name: 'Northwind Labs',
    slug: DEMO_ORG_SLUG,
    letterhead: { addressLines: ['500 Howard Street', 'San Francisco, CA 94105'], signatoryName: 'Avery Stone', signatoryTitle: 'Chief People Officer' },
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const user: Record<string, string> = {};
  for (const p of people) {
    const u = await setup.insertUser(db, { orgId: org.id, email: demoEmail(p.key), name: p.name, passwordHash });
    await setup.grantRole(db, org.id, u.id, p.role);
    user[p.key] = u.id;
  }

  // Morgan reports to Quinn: the "hiring manager's manager" of the sample policy.
  await setup.setManager(db, org.id, user.manager!, user.vp!);
  // Avery, whose name the letterhead signs with, countersigns once the candidate has signed.
  await saveSigningSettings(db, org.id, { signatoryUserId: user.admin!, countersignOrder: 'after', candidateReminderDays: [3, 1] });
  const policy = await seedPolicy(db, clock, org.id, user.admin!);
  // Onboarding task templates: IT laptop and accounts, payroll set-up, HR ops I-9 and policies, the manager's first-day plan.
  await installSampleTaskTemplates(db, org.id, clock.now());
  // The sample templates, clauses and packet rules (docs/templates.md), saved like an admin would.
  await installSampleLibrary(createLibraryService({ db, clock, store }), { userId: user.admin!, orgId: org.id, roles: [{ role: 'admin', businessUnitId: null }] });

  const eng = await setup.insertBusinessUnit(db, { orgId: org.id, name: 'Engineering' });
  const gtm = await setup.insertBusinessUnit(db, { orgId: org.id, name: 'Go-to-Market' });
  const platform = await setup.insertDepartment(db, { orgId: org.id, businessUnitId: eng.id, name: 'Platform Engineering', hrbpId: user.hrbp });
  const data = await setup.insertDepartment(db, { orgId: org.id, businessUnitId: eng.id, name: 'Data', hrbpId: user.hrbp });
  const sales = await setup.insertDepartment(db, { orgId: org.id, businessUnitId: gtm.id, name: 'Sales', hrbpId: user.hrbp });
  const support = await setup.insertDepartment(db, { orgId: org.id, businessUnitId: gtm.id, name: 'Customer Support', hrbpId: user.hrbp });

  const bands: [string, string, number, number, number][] = [
    ['L3', 'zone_a', 120_000_00, 140_000_00, 160_000_00],
    ['L4', 'zone_a', 150_000_00, 175_000_00, 200_000_00],
    ['L5', 'zone_a', 185_000_00, 215_000_00, 245_000_00],
    ['L4', 'zone_b', 130_000_00, 152_000_00, 175_000_00],
    ['S2', 'zone_b', 70_000_00, 85_000_00, 100_000_00],
    ['H1', 'zone_b', 45_000_00, 52_000_00, 60_000_00],
  ];
  for (const [level, zone, min, mid, max] of bands) {
    await setup.insertCompBand(db, { orgId: org.id, level, zone, currency: 'USD', minCents: min, midCents: mid, maxCents: max });
  }

  const req = async (code: string, title: string, level: string, deptId: string, city: string, state: string, zone: string, exempt: boolean, employmentType = 'full_time', roleFamily = 'engineering') =>
    setup.insertRequisition(db, {
      orgId: org.id,
      departmentId: deptId,
      code,
      title,
      level,
      locationCity: city,
      locationState: state,
      locationZone: zone,
      employmentType,
      flsaStatus: exempt ? 'exempt' : 'non_exempt',
      hiringManagerId: user.manager,
      roleFamily,
      currency: 'USD',
    });
  const reqs = {
    backend: await req('ENG-101', 'Senior Backend Engineer', 'L5', platform.id, 'San Francisco', 'CA', 'zone_a', true),
    sre: await req('ENG-102', 'Site Reliability Engineer', 'L4', platform.id, 'Austin', 'TX', 'zone_b', true),
    analyst: await req('DAT-201', 'Data Analyst', 'L3', data.id, 'New York', 'NY', 'zone_a', true),
    ae: await req('SAL-301', 'Account Executive', 'S2', sales.id, 'Chicago', 'IL', 'zone_b', true, 'full_time', 'sales'),
    support: await req('SUP-401', 'Support Specialist', 'H1', support.id, 'Denver', 'CO', 'zone_b', false, 'part_time', 'support'),
  };
  for (const r of Object.values(reqs)) {
    await setup.insertBudget(db, { orgId: org.id, requisitionId: r.id, amountCents: 260_000_00, currency: 'USD', period: String(clock.now().getUTCFullYear()) });
  }

  const candidate = (firstName: string, lastName: string, city: string, state: string) =>
    setup.insertCandidate(db, { orgId: org.id, firstName, lastName, email: `${firstName}.${lastName}@candidates.example`.toLowerCase(), city, state });
  const cands = [
    await candidate('Priya', 'Raman', 'Oakland', 'CA'),
    await candidate('Marcus', 'Webb', 'Austin', 'TX'),
    await candidate('Elena', 'Sokolova', 'Brooklyn', 'NY'),
    await candidate('Jamal', 'Carter', 'Evanston', 'IL'),
    await candidate('Sofia', 'Alvarez', 'Denver', 'CO'),
    await candidate('Noah', 'Fischer', 'San Jose', 'CA'),
    await candidate('Aiko', 'Tanaka', 'Seattle', 'WA'),
    await candidate('Lena', 'Park', 'Austin', 'TX'),
  ];
  // A year of finished offers first, so the metrics dashboard has history; then today's offers.
  await seedDemoHistory(executorOf(database), clock, {
    org: { id: org.id, name: org.name, slug: DEMO_ORG_SLUG },
    businessUnits: [
      { id: eng.id, name: eng.name, weight: 0.6 },
      { id: gtm.id, name: gtm.name, weight: 0.4 },
    ],
    departments: [
      { ...platform, family: 'engineering' },
      { ...data, family: 'engineering' },
      { ...sales, family: 'sales' },
      { ...support, family: 'support' },
    ].map((d) => ({ id: d.id, businessUnitId: d.businessUnitId, name: d.name, family: d.family, hrbpId: user.hrbp!, hiringManagerIds: [user.manager!, user.vp!] })),
    people: {
      admin: user.admin!,
      recruiter: user.recruiter!,
      ops: user.ops!,
      finance: user.finance!,
      hrbp: user.hrbp!,
      legal: user.legal!,
      hrops: user.hrops!,
      payroll: user.payroll!,
    },
    policyId: policy.policyId,
    policyVersionId: policy.policyVersionId,
  });
  await seedDemoFields(db, clock, { orgId: org.id, userId: user.admin!, roles: [{ role: 'admin', businessUnitId: null }] }, gtm.id);
  await seedOffers(db, clock, { orgId: org.id, userId: user.recruiter!, roles: [{ role: 'recruiter', businessUnitId: null }] }, user.manager!, reqs, cands);
  return { created: true, organization: org.name, signIns };
}

async function seedOffers(
  db: Db,
  clock: Clock,
  recruiter: Actor,
  managerId: string,
  reqs: Record<string, { id: string; title: string; level: string; departmentId: string; locationCity: string; locationState: string }>,
  cands: { id: string }[],
) {
  const approvals = createApprovalHooks({ clock, notices: { publicUrl: 'http://localhost:3000', smtpConfigured: false } });
  const intake = createIntakeService({ db, clock, approvals });
  const events = createOfferEventsService({ db, clock, hooks: approvals.transitionHooks });
  const today = isoDate(clock.now());
  const terms = (r: (typeof reqs)[string], comp: OfferTermsInput['compensation'], flsa: 'exempt' | 'non_exempt', days: number, employmentType: OfferTermsInput['employmentType'] = 'full_time') =>
    offerTermsSchema.parse({
      title: r.title,
      level: r.level,
      departmentId: r.departmentId,
      location: { city: r.locationCity, state: r.locationState, remote: false },
      employmentType,
      flsaStatus: flsa,
      compensation: comp,
      startDate: addDays(today, days),
      expiresOn: addDays(today, Math.min(days - 7, 10)),
      managerId,
      contingencies: ['background_check', 'references'],
    });

  const usd = (base: number, extra: Partial<OfferTermsInput['compensation']> = {}) => ({ currency: 'USD' as const, payBasis: 'salary' as const, baseSalaryCents: base, ...extra });
  const make = (cand: number, req: string, t: ReturnType<typeof terms>) => intake.createOffer(recruiter, { candidateId: cands[cand]!.id, requisitionId: reqs[req]!.id, terms: t });

  await make(0, 'backend', {
    ...terms(reqs.backend!, usd(225_000_00, { bonusTargetPercent: 15, equity: { kind: 'rsu', units: 4000, vestingSchedule: '4 years, 1-year cliff, quarterly after' } }), 'exempt', 45),
    custom: { visa_sponsorship: true, remote_stipend: 150_00 },
  });
  await make(1, 'sre', terms(reqs.sre!, usd(160_000_00, { signOnBonusCents: 10_000_00 }), 'exempt', 30));
  const submitted = await make(2, 'analyst', terms(reqs.analyst!, usd(138_000_00), 'exempt', 28));
  await intake.submitOffer(recruiter, submitted.id, submitted.rowVersion);
  const ae = await make(3, 'ae', { ...terms(reqs.ae!, usd(88_000_00, { bonusTargetPercent: 50 }), 'exempt', 21), custom: { sales_territory: 'central' } });
  await intake.submitOffer(recruiter, ae.id, ae.rowVersion);
  await make(4, 'support', terms(reqs.support!, { currency: 'USD', payBasis: 'hourly', hourlyRateCents: 26_50 }, 'non_exempt', 14, 'part_time'));
  const cancelled = await make(5, 'backend', terms(reqs.backend!, usd(210_000_00), 'exempt', 40));
  await events.applyEvent(recruiter, cancelled.id, { type: 'cancel', reason: 'Requisition filled by an internal transfer' }, cancelled.rowVersion);
  // Above the band max: the sample policy routes it to finance, so the demo has an offer waiting on someone.
  const aboveBand = await make(7, 'sre', terms(reqs.sre!, usd(184_000_00, { bonusTargetPercent: 10 }), 'exempt', 35));
  await intake.submitOffer(recruiter, aboveBand.id, aboveBand.rowVersion);
}

/** The sample approval policy (docs/policy.md walks through it) as the organisation's version 1. */
async function seedPolicy(db: Db, clock: Clock, orgId: string, adminId: string): Promise<{ policyId: string; policyVersionId: string }> {
  const parsed = parsePolicy(samplePolicySource, 'yaml', { userEmails: new Set(people.map((p) => demoEmail(p.key))) });
  if (!parsed.ok) throw new Error(`The sample policy does not validate: ${JSON.stringify(parsed.problems)}`);
  const now = clock.now();
  const ids = { policyId: randomUUID(), policyVersionId: randomUUID() };
  await db.transaction(async (tx) => {
    const policy = await insertPolicy(tx, { id: ids.policyId, orgId, businessUnitId: null, createdAt: now });
    await insertPolicyVersion(tx, {
      id: ids.policyVersionId,
      orgId,
      policyId: policy.id,
      number: 1,
      format: 'yaml',
      source: samplePolicySource,
      document: parsed.policy,
      note: 'Sample policy',
      createdBy: adminId,
      createdAt: now,
    });
  });
  return ids;
}
