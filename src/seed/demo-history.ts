import type { Clock } from '../core/clock';
import { terminalStatuses, type OfferStatus } from '../core/lifecycle';
import { generateOfferHistory, type HistoryContext, type OfferHistory } from './history/offer-history';
import type { OrgPlan } from './history/organisation';
import { stageDurationDaysForOrgSql } from '../offers/read-models.backfill';
import { writeBatch, type Execute } from './history/writer';

/** The demo organisation as the history generator needs it: who recruits, approves and hands off where. */
export interface DemoOrganisation {
  org: { id: string; name: string; slug: string };
  businessUnits: { id: string; name: string; weight: number }[];
  departments: { id: string; businessUnitId: string; name: string; family: string; hrbpId: string; hiringManagerIds: string[] }[];
  people: Record<'admin' | 'recruiter' | 'ops' | 'finance' | 'hrbp' | 'legal' | 'hrops' | 'payroll', string>;
  policyId: string;
  policyVersionId: string;
}

export const DEMO_HISTORY_OFFERS = 420;
const DEMO_HISTORY_SEED = 4_242;
const DAY = 86_400_000;

/**
 * A year of finished offers for the demo organisation, so the metrics dashboard has something to
 * say on first start. Only offers that reached an end (handed off, declined, expired, rescinded,
 * withdrawn, cancelled) are kept: nothing generated waits on a demo user or shows on the board,
 * and their requisitions are closed, so pickers offer only the demo's own open requisitions.
 * Histories end a day before now, with valid journal chains and read models.
 */
export async function seedDemoHistory(execute: Execute, clock: Clock, demo: DemoOrganisation): Promise<number> {
  const now = clock.now().getTime() - DAY;
  const { people } = demo;
  const plan: OrgPlan = {
    org: demo.org,
    businessUnits: demo.businessUnits,
    departments: demo.departments,
    users: [],
    recruitersByUnit: new Map(demo.businessUnits.map((bu) => [bu.id, [people.recruiter, people.ops]])),
    finance: [people.finance],
    payroll: [people.payroll],
    legal: [people.legal],
    hrOps: [people.hrops],
    clientApprovers: [people.admin],
    committee: [people.admin, people.finance, people.hrbp],
    adminId: people.admin,
    opsLeadId: people.hrops,
    policyId: demo.policyId,
    policyVersionId: demo.policyVersionId,
  };
  const ctx: HistoryContext = { plan, from: now - 365 * DAY, now, count: DEMO_HISTORY_OFFERS, seed: DEMO_HISTORY_SEED, growth: 1.5 };
  const finished: OfferHistory[] = [];
  for (let i = 0; i < ctx.count; i++) {
    const h = generateOfferHistory(ctx, i);
    if (!terminalStatuses.includes(h.offer.status as OfferStatus)) continue;
    h.requisition.status = h.offer.status === 'handed_off' ? 'filled' : 'closed';
    h.requisition.code = `HIST-${i + 1}`;
    finished.push(h);
  }
  for (let start = 0; start < finished.length; start += 100) await writeBatch(execute, finished.slice(start, start + 100));
  await execute(stageDurationDaysForOrgSql, [demo.org.id]);
  return finished.length;
}
