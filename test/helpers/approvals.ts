import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { csrfHeader } from './factories';

/** A small policy for flow tests: finance above band, HRBP below band, hiring manager and (for non-standard clauses) legal on the packet. */
export const flowPolicy = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: finance
        name: Finance
        when: { field: facts.aboveBandMax, op: eq, value: true }
        approvers: [{ role: finance }]
        sla: { businessHours: 8 }
        reminders: { afterBusinessHours: [2, 4] }
        escalateTo: { role: admin }
        covers: [compensation]
      - key: hrbp
        name: HR business partner
        when: { field: facts.belowBandMin, op: eq, value: true }
        approvers: [{ relation: department_hrbp }]
        covers: [compensation.baseSalaryCents, level]
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
        covers: [startDate, title]
      - key: legal
        name: Legal
        when: { field: facts.nonStandardClauses, op: eq, value: true }
        approvers: [{ role: legal }]
        covers: [clauses]
`;

export interface StepView {
  id: string;
  versionNumber: number;
  stageKey: string;
  stepKey: string;
  status: string;
  explanation: string | null;
  approvers: { id: string; name: string }[];
  carriedFromVersion: number | null;
  dueAt: string | null;
  slaBreached: boolean;
  decisions: { approver: { id: string }; actedBy: { id: string }; decision: string; comment: string; via: string }[];
}

export function approvalsApi(app: FastifyInstance) {
  return {
    async savePolicy(cookie: string, source: string, businessUnitId: string | null = null) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/policies/versions',
        headers: { cookie, ...csrfHeader },
        payload: { format: 'yaml', source, businessUnitId },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; number: number; policyId: string };
    },

    async plan(cookie: string, offerId: string): Promise<{ status: string; policyVersion: { id: string; number: number } | null; steps: StepView[] }> {
      const res = await app.inject({ url: `/api/v1/offers/${offerId}/approvals`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },

    /** Steps of one version as "stage/step:status". */
    async statuses(cookie: string, offerId: string, version: number): Promise<string[]> {
      const plan = await this.plan(cookie, offerId);
      return plan.steps.filter((s) => s.versionNumber === version && s.status !== 'superseded').map((s) => `${s.stageKey}/${s.stepKey}:${s.status}`);
    },

    async inbox(cookie: string): Promise<{ id: string; stepKey: string; offer: { id: string }; onBehalfOf: { id: string } | null; band: unknown; explanation: string | null; changedSinceApproval: string[] }[]> {
      const res = await app.inject({ url: '/api/v1/approvals/inbox', headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items;
    },

    decide: (cookie: string, stepId: string, decision: string, comment = '') =>
      app.inject({ method: 'POST', url: `/api/v1/approvals/steps/${stepId}/decision`, headers: { cookie, ...csrfHeader }, payload: { decision, comment } }),

    /** Finds the caller's pending step on an offer and approves it; fails the test otherwise. */
    async approve(cookie: string, offerId: string, stepKey: string, comment = 'Looks right') {
      const item = (await this.inbox(cookie)).find((i) => i.offer.id === offerId && i.stepKey === stepKey);
      expect(item, `no pending ${stepKey} step in the inbox`).toBeDefined();
      const res = await this.decide(cookie, item!.id, 'approve', comment);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { step: { status: string }; offer: { status: string; rowVersion: number } };
    },
  };
}
