import type { LightMyRequestResponse as Response } from 'fastify';
import { expect } from 'vitest';
import { csrfHeader, signIn } from '../../helpers/factories';
import { approvalsApi } from '../../helpers/approvals';
import { signingApi, signingWorld, type SigningWorld } from '../signing/signing-fixture';

/** Finance covers base, the hiring manager the start date, the HR business partner the title: every carry-over shows. */
export const negotiationPolicy = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: finance
        name: Finance
        approvers: [{ role: finance }]
        covers: [compensation.baseSalaryCents]
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
        covers: [startDate]
      - key: hrbp
        name: HR business partner
        approvers: [{ relation: department_hrbp }]
        covers: [title]
`;

/** The same steps, none covering the title. */
export const titleUncoveredPolicy = negotiationPolicy.replace('covers: [title]', 'covers: [level]');

export type Role = 'recruiter' | 'admin' | 'finance' | 'hiring_manager' | 'hrbp' | 'it' | 'legal';

export interface NegotiationWorld extends SigningWorld {
  cookies: Record<Role, string>;
  sign: ReturnType<typeof signingApi>;
  approvals: ReturnType<typeof approvalsApi>;
  /** Runs the offer's current version through every pending step (approving as each approver) to approved. */
  approveAll(id: string): Promise<void>;
  /** A new offer through its approvals and sent; the portal token from the e-mail. */
  sentOffer(): Promise<{ id: string; token: string }>;
  askInternal(id: string, body: unknown, role?: Role): Promise<Response>;
  askPortal(token: string, body: unknown): Promise<Response>;
  newVersion(id: string, body: unknown, ifMatch?: number): Promise<Response>;
  diff(id: string, query: string, role?: Role): Promise<Response>;
  requests(id: string): Promise<{ id: string; source: string; status: string; answeredByVersion: number | null; deltas: { field: string; current: unknown; asked: unknown }[] }[]>;
  portalGet(token: string): Promise<Response>;
}

export async function negotiationWorld(policy = negotiationPolicy): Promise<NegotiationWorld> {
  const w = await signingWorld();
  const { t } = w;
  const cookies = { recruiter: w.recruiter, admin: w.admin } as Record<Role, string>;
  for (const role of ['finance', 'hiring_manager', 'hrbp', 'it', 'legal'] as const) cookies[role] = await signIn(t.app, w.fx.users[role].email);
  const approvals = approvalsApi(t.app);
  await approvals.savePolicy(w.admin, policy);
  const sign = signingApi(w);
  const approverOf: Record<string, Role> = { finance: 'finance', hiring_manager: 'hiring_manager', hrbp: 'hrbp' };

  async function approveAll(id: string) {
    for (let round = 0; round < 6; round++) {
      await t.app.jobs.runDue();
      const status = await sign.status(id);
      if (status === 'approved') return;
      const plan = await approvals.plan(w.recruiter, id);
      const pending = plan.steps.filter((s) => s.status === 'pending');
      expect(pending.length, `offer is ${status} with no pending step`).toBeGreaterThan(0);
      for (const s of pending) await approvals.approve(cookies[approverOf[s.stepKey]!], id, s.stepKey);
    }
    throw new Error('offer did not reach approved');
  }

  const world: NegotiationWorld = {
    ...w,
    cookies,
    sign,
    approvals,
    approveAll,
    async sentOffer() {
      t.clock.advance(60 * 60_000);
      const draft = await w.offers.createDraft();
      expect((await w.offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
      await approveAll(draft.id);
      return { id: draft.id, token: await sign.sendOffer(draft.id) };
    },
    askInternal: (id, body, role = 'recruiter') =>
      t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/change-requests`, headers: { cookie: cookies[role], ...csrfHeader }, payload: body as object }),
    askPortal: (token, body) => t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/changes`, payload: body as object }),
    async newVersion(id, body, ifMatch) {
      const version = ifMatch ?? (await sign.rowVersion(id));
      return t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/versions`, headers: { cookie: w.recruiter, ...csrfHeader, 'if-match': `"${version}"` }, payload: body as object });
    },
    diff: (id, query, role = 'recruiter') => t.app.inject({ url: `/api/v1/offers/${id}/versions/diff${query}`, headers: { cookie: cookies[role] } }),
    async requests(id) {
      const res = await t.app.inject({ url: `/api/v1/offers/${id}/change-requests`, headers: { cookie: w.recruiter } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    portalGet: (token) => t.app.inject({ url: `/api/v1/portal/${token}` }),
  };
  return world;
}
