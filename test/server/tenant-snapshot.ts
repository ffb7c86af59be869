import { count, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import {
  apiTokens,
  atsConnections,
  atsInboundEvents,
  candidates,
  compBands,
  importRuns,
  requisitions,
  approvalDecisions,
  approvalDelegations,
  approvalPolicies,
  approvalPolicyVersions,
  approvalSteps,
  candidateLinks,
  changeRequests,
  clauses,
  compensationViews,
  contingencies,
  offerHandoffs,
  onboardingTaskTemplates,
  onboardingTasks,
  documentTemplates,
  documentTemplateVersions,
  packetRules,
  packets,
  sealCertificates,
  signedDocuments,
  journal,
  notifications,
  offers,
  offerSignatures,
  offerStageIntervals,
  offerVersions,
  outboundEmails,
  sessions,
  userRoles,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from '../../src/db/schema';

/** Canonical text of rows, independent of the order the database returns them in. */
function canonical(rows: object[]): string[] {
  return rows
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v)))
    .sort();
}

/**
 * Everything of one organisation that a request from another organisation
 * could conceivably change: offers (row_version included), versions, journal,
 * users, roles, API tokens, inbox and outbox, and how many sessions and compensation views exist.
 */
export async function tenantSnapshot(db: Db, orgId: string) {
  return {
    offers: canonical(await db.select().from(offers).where(eq(offers.orgId, orgId))),
    offerVersions: canonical(await db.select().from(offerVersions).where(eq(offerVersions.orgId, orgId))),
    contingencies: canonical(await db.select().from(contingencies).where(eq(contingencies.orgId, orgId))),
    onboardingTaskTemplates: canonical(await db.select().from(onboardingTaskTemplates).where(eq(onboardingTaskTemplates.orgId, orgId))),
    onboardingTasks: canonical(await db.select().from(onboardingTasks).where(eq(onboardingTasks.orgId, orgId))),
    offerHandoffs: canonical(await db.select().from(offerHandoffs).where(eq(offerHandoffs.orgId, orgId))),
    journal: canonical(await db.select().from(journal).where(eq(journal.orgId, orgId))),
    offerStageIntervals: canonical(await db.select().from(offerStageIntervals).where(eq(offerStageIntervals.orgId, orgId))),
    users: canonical(await db.select().from(users).where(eq(users.orgId, orgId))),
    userRoles: canonical(await db.select().from(userRoles).where(eq(userRoles.orgId, orgId))),
    apiTokens: canonical(await db.select().from(apiTokens).where(eq(apiTokens.orgId, orgId))),
    notifications: canonical(await db.select().from(notifications).where(eq(notifications.orgId, orgId))),
    outboundEmails: canonical(await db.select().from(outboundEmails).where(eq(outboundEmails.orgId, orgId))),
    approvalPolicies: canonical(await db.select().from(approvalPolicies).where(eq(approvalPolicies.orgId, orgId))),
    approvalPolicyVersions: canonical(await db.select().from(approvalPolicyVersions).where(eq(approvalPolicyVersions.orgId, orgId))),
    approvalSteps: canonical(await db.select().from(approvalSteps).where(eq(approvalSteps.orgId, orgId))),
    approvalDecisions: canonical(await db.select().from(approvalDecisions).where(eq(approvalDecisions.orgId, orgId))),
    approvalDelegations: canonical(await db.select().from(approvalDelegations).where(eq(approvalDelegations.orgId, orgId))),
    documentTemplates: canonical(await db.select().from(documentTemplates).where(eq(documentTemplates.orgId, orgId))),
    documentTemplateVersions: canonical(await db.select().from(documentTemplateVersions).where(eq(documentTemplateVersions.orgId, orgId))),
    clauses: canonical(await db.select().from(clauses).where(eq(clauses.orgId, orgId))),
    packetRules: canonical(await db.select().from(packetRules).where(eq(packetRules.orgId, orgId))),
    candidateLinks: canonical(await db.select().from(candidateLinks).where(eq(candidateLinks.orgId, orgId))),
    offerSignatures: canonical(await db.select().from(offerSignatures).where(eq(offerSignatures.orgId, orgId))),
    changeRequests: canonical(await db.select().from(changeRequests).where(eq(changeRequests.orgId, orgId))),
    packets: canonical(await db.select().from(packets).where(eq(packets.orgId, orgId))),
    signedDocuments: canonical(await db.select().from(signedDocuments).where(eq(signedDocuments.orgId, orgId))),
    sealCertificates: canonical(await db.select().from(sealCertificates).where(eq(sealCertificates.orgId, orgId))),
    webhookEndpoints: canonical(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId))),
    webhookEvents: canonical(await db.select().from(webhookEvents).where(eq(webhookEvents.orgId, orgId))),
    webhookDeliveries: canonical(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, orgId))),
    webhookAttempts: canonical(await db.select().from(webhookAttempts).where(eq(webhookAttempts.orgId, orgId))),
    candidates: canonical(await db.select().from(candidates).where(eq(candidates.orgId, orgId))),
    requisitions: canonical(await db.select().from(requisitions).where(eq(requisitions.orgId, orgId))),
    compBands: canonical(await db.select().from(compBands).where(eq(compBands.orgId, orgId))),
    importRuns: canonical(await db.select().from(importRuns).where(eq(importRuns.orgId, orgId))),
    atsConnections: canonical(await db.select().from(atsConnections).where(eq(atsConnections.orgId, orgId))),
    atsInboundEvents: canonical(await db.select().from(atsInboundEvents).where(eq(atsInboundEvents.orgId, orgId))),
    sessions: (await db.select({ n: count() }).from(sessions).where(eq(sessions.orgId, orgId)))[0]!.n,
    compensationViews: (await db.select({ n: count() }).from(compensationViews).where(eq(compensationViews.orgId, orgId)))[0]!.n,
  };
}
