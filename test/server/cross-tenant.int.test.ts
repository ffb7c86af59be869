import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/core/roles';
import { compensationViews, contingencies, onboardingTasks, webhookDeliveries } from '../../src/db/schema';
import { notifyUser } from '../../src/notify/notifications.service';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { approvalsApi, flowPolicy } from '../helpers/approvals';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';
import { apiOperations, fillPath, sampleValue, type ApiOperation } from './api-routes';
import { tenantSnapshot } from './tenant-snapshot';

/**
 * Tenant isolation: every endpoint with an id in its path, called by every
 * role of organisation B (and B's admin API token) with organisation A's ids,
 * answers 404 problem+json — never 403, never 200 — and changes nothing of A.
 * The endpoints come from the app's own OpenAPI document, so a new route is
 * covered as soon as it exists, or fails here by name until it is.
 */

let t: TestApp;
let a: OrgFixture;
let b: OrgFixture;
/** Org A's ids by the kind of thing they name. */
const aIds = { offers: [] as string[], tokens: [] as string[], users: [] as string[], notifications: [] as string[], steps: [] as string[], policies: [] as string[], documents: [] as string[], webhookEndpoints: [] as string[], webhookDeliveries: [] as string[], views: [] as string[] };
/** Org A's CSV imports and ATS connections. */
const aIntake = { imports: [] as string[], atsConnections: [] as string[] };
/** Every caller of org B: a session per role, plus the admin's API token. */
const callers: { name: string; headers: Record<string, string> }[] = [];
let operations: ApiOperation[];

/**
 * Which of org A's ids go into a path parameter. The first matching rule wins;
 * a path parameter no rule covers fails the test with the route's name.
 */
const idRules: { param: RegExp; path: RegExp; ids: () => string[] }[] = [
  { param: /^(id|offerId)$/, path: /^\/api\/v1\/offers\/\{/, ids: () => aIds.offers },
  { param: /^offerId$/, path: /./, ids: () => aIds.offers },
  { param: /^(id|tokenId)$/, path: /\/tokens\/\{/, ids: () => aIds.tokens },
  { param: /^(id|userId)$/, path: /\/users\/\{/, ids: () => aIds.users },
  { param: /^userId$/, path: /./, ids: () => aIds.users },
  { param: /^id$/, path: /^\/api\/v1\/notifications\/\{/, ids: () => aIds.notifications },
  { param: /^id$/, path: /^\/api\/v1\/webhooks\/endpoints\/\{/, ids: () => aIds.webhookEndpoints },
  { param: /^id$/, path: /^\/api\/v1\/webhooks\/deliveries\/\{/, ids: () => aIds.webhookDeliveries },
  { param: /^runId$/, path: /^\/api\/v1\/imports\//, ids: () => aIntake.imports },
  { param: /^id$/, path: /^\/api\/v1\/admin\/ats-connections\//, ids: () => aIntake.atsConnections },
  { param: /^stepId$/, path: /./, ids: () => aIds.steps },
  { param: /^policyId$/, path: /./, ids: () => aIds.policies },
  { param: /^contingencyId$/, path: /./, ids: () => aCloseout.contingencies },
  { param: /^taskId$/, path: /\/onboarding-tasks\//, ids: () => aCloseout.tasks },
  { param: /^id$/, path: /^\/api\/v1\/admin\/onboarding-task-templates\//, ids: () => aCloseout.taskTemplates },
  { param: /^number$/, path: /\/policies\//, ids: () => ['1'] },
  { param: /^version$/, path: /\/packets\//, ids: () => ['1'] },
  { param: /^sha256$/, path: /\/documents\//, ids: () => aIds.documents },
  { param: /^sha256$/, path: /\/signed-documents\//, ids: () => aIds.documents },
  // Template and clause keys name things inside the caller's own library: A's key read by B is
  // not found; a PUT by B writes B's own entry of that name (checked below to leave A untouched).
  { param: /^key$/, path: /\/(templates|clauses)\//, ids: () => [A_ONLY_KEY] },
  // A custom field key names a field of the caller's own organisation: A's key read or changed by B is not found.
  { param: /^key$/, path: /^\/api\/v1\/admin\/fields\//, ids: () => [A_ONLY_KEY] },
  { param: /^number$/, path: /^\/api\/v1\/admin\/fields\//, ids: () => ['1'] },
  // A saved view of A's, shared with every role: still not found for anyone of B.
  { param: /^id$/, path: /^\/api\/v1\/views\/\{/, ids: () => aIds.views },
  // An approval link's token is the credential itself (like a password), not an id of A's:
  // whoever holds a live one may use it. Here: one that was never issued.
  { param: /^token$/, path: /\/approval-links\//, ids: () => ['oal_never-issued-token-0000000000000000000000'] },
  { param: /^token$/, path: /\/portal\//, ids: () => ['ocl_never-issued-token-0000000000000000000000'] },
];

/** Org A's contingencies, onboarding tasks and task templates. */
const aCloseout = { contingencies: [] as string[], tasks: [] as string[], taskTemplates: [] as string[] };
const A_ONLY_KEY = 'a_only_letter';
/** Upserts by key into the caller's own library: B gets its own entry, never A's. */
/** An import writes into the caller's own organisation; its {kind} is not an id. */
const namespacedWrites = new Set(['PUT /api/v1/templates/{key}', 'PUT /api/v1/templates/{key}/docx', 'PUT /api/v1/clauses/{key}', 'POST /api/v1/imports/{kind}']);

/** Request bodies where a body derived from the schema would not pass validation. */
function validBody(op: ApiOperation): unknown {
  const bodies: Record<string, unknown> = {
    'PUT /api/v1/offers/{id}/draft': { terms: validTerms(b, TEST_NOW) },
    'POST /api/v1/offers/{id}/events': { type: 'cancel', reason: 'cross-tenant probe' },
    'POST /api/v1/approvals/steps/{stepId}/decision': { decision: 'approve', comment: 'cross-tenant probe' },
    'POST /api/v1/approval-links/{token}/decision': { decision: 'approve', comment: 'cross-tenant probe' },
    'PUT /api/v1/templates/{key}': { name: 'B probe', kind: 'letter', source: 'Hello {{ candidate.firstName }}' },
    'PUT /api/v1/clauses/{key}': { title: 'B probe', body: 'B text' },
    'POST /api/v1/portal/{token}/sign': { code: '123456', consentVersion: 'esign-consent-2027-01', adopt: true, signature: { kind: 'typed', name: 'Probe' } },
    'POST /api/v1/portal/{token}/decline': { reason: 'other' },
    'POST /api/v1/portal/{token}/changes': { changes: [{ field: 'startDate', asked: '2027-05-03' }], comment: 'cross-tenant probe' },
    'PATCH /api/v1/webhooks/endpoints/{id}': { description: 'cross-tenant probe' },
    'POST /api/v1/offers/{id}/countersign': { adopt: true, signature: { kind: 'typed', name: 'Probe' } },
    'POST /api/v1/offers/{id}/start-date-confirmation': { startDate: '2027-05-03' },
  };
  if (op.name in bodies) return bodies[op.name];
  return op.body ? sampleValue(op.body, b.users.recruiter.id) : undefined;
}

/** Path parameters that are not ids (an enum such as a role name) take a valid value. */
function pathValues(op: ApiOperation): { values: Record<string, string>[]; uncovered: string[] } {
  let combos: Record<string, string>[] = [{}];
  const uncovered: string[] = [];
  for (const p of op.pathParams) {
    let options: string[];
    if (p.schema.enum?.length) options = [String(p.schema.enum[0])];
    else {
      const rule = idRules.find((r) => r.param.test(p.name) && r.path.test(op.path));
      if (!rule) {
        uncovered.push(`${op.name}: {${p.name}}`);
        continue;
      }
      options = rule.ids();
    }
    combos = combos.flatMap((c) => options.map((o) => ({ ...c, [p.name]: o })));
  }
  return { values: combos, uncovered };
}

async function compensationViewsOfA() {
  return (await t.database.db.select().from(compensationViews).where(inArray(compensationViews.offerId, aIds.offers))).length;
}

beforeAll(async () => {
  // Every caller probes the portal from one address: lift the limits on guessing links for this test.
  t = await createTestApp({ portalLimits: { perIp: { max: 100_000, windowSeconds: 600 }, failedLookupsPerIp: { max: 100_000, windowSeconds: 600 } } });
  const db = t.database.db;
  a = await createOrgFixture(db);
  b = await createOrgFixture(db);

  // Org A: offers in several states, an edited draft, and API tokens.
  const aRecruiter = await signIn(t.app, a.users.recruiter.email);
  // A webhook endpoint (a closed local port) that gets a delivery for every event below.
  const hook = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks/endpoints', headers: { cookie: await signIn(t.app, a.users.admin.email), ...csrfHeader }, payload: { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] } });
  expect(hook.statusCode, hook.body).toBe(201);
  aIds.webhookEndpoints.push(hook.json().id);
  const api = offerApi(t.app, aRecruiter, a);
  const draft = await api.createDraft();
  const edited = await api.createDraft();
  expect((await api.putDraft(edited.id, 1, { title: 'Edited title' })).statusCode).toBe(200);
  const submitted = await api.createDraft();
  expect((await api.submit(submitted.id, 1)).statusCode).toBe(200);
  const cancelled = await api.createDraft();
  expect((await api.event(cancelled.id, 1, 'cancel')).statusCode).toBe(200);
  const withdrawn = await api.createDraft();
  expect((await api.submit(withdrawn.id, 1)).statusCode).toBe(200);
  expect((await api.event(withdrawn.id, 2, 'withdraw')).statusCode).toBe(200);
  // An approval policy, and an offer routed by it with a pending finance step.
  const aAdmin = await signIn(t.app, a.users.admin.email);
  const saved = await approvalsApi(t.app).savePolicy(aAdmin, flowPolicy);
  aIds.policies.push(saved.policyId);
  const routed = await api.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
  expect((await api.submit(routed.id, 1)).statusCode).toBe(200);
  aIds.steps.push(...(await approvalsApi(t.app).plan(aRecruiter, routed.id)).steps.map((s) => s.id));
  expect(aIds.steps.length).toBeGreaterThan(0);
  // A document library and a generated packet.
  const asAdmin = { cookie: aAdmin, ...csrfHeader };
  const template = await t.app.inject({ method: 'PUT', url: `/api/v1/templates/${A_ONLY_KEY}`, headers: asAdmin, payload: { name: 'A letter', kind: 'letter', source: '# Offer for {{ candidate.fullName }}\n\nBase {{ offer.baseSalary }}.' } });
  expect(template.statusCode, template.body).toBe(200);
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/fields', headers: asAdmin, payload: { key: A_ONLY_KEY, label: 'A field', type: 'text' } })).statusCode).toBe(201);
  const view = await t.app.inject({ method: 'POST', url: '/api/v1/views', headers: asAdmin, payload: { page: 'board', name: 'A view', filters: { sla: 'breached' }, sharedWithRoles: [...roles] } });
  expect(view.statusCode, view.body).toBe(201);
  aIds.views.push(view.json().id);
  expect((await t.app.inject({ method: 'PUT', url: `/api/v1/clauses/${A_ONLY_KEY}`, headers: asAdmin, payload: { title: 'A clause', body: 'Only A has this.' } })).statusCode).toBe(200);
  expect((await t.app.inject({ method: 'PUT', url: '/api/v1/packet-rules', headers: asAdmin, payload: { rules: [{ templateKey: A_ONLY_KEY, description: 'Every offer', match: {} }] } })).statusCode).toBe(200);
  const withPacket = await api.createDraft();
  expect((await api.submit(withPacket.id, 1)).statusCode).toBe(200);
  await t.app.jobs.runDue();
  const packetList = await t.app.inject({ url: `/api/v1/offers/${withPacket.id}/packets`, headers: { cookie: aRecruiter } });
  aIds.documents.push(...packetList.json()[0].documents.map((d: { sha256: string }) => d.sha256));
  expect(aIds.documents.length).toBe(1);
  aIds.offers.push(draft.id, edited.id, submitted.id, cancelled.id, withdrawn.id, routed.id, withPacket.id);
  for (const cookie of [aRecruiter, await signIn(t.app, a.users.admin.email)]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie, ...csrfHeader }, payload: { name: 'integration' } });
    expect(res.statusCode, res.body).toBe(201);
    aIds.tokens.push(res.json().id);
  }
  aIds.users.push(a.users.admin.id, a.users.recruiter.id, a.users.hiring_manager.id);
  // A dry-run import and an ATS connection of A's.
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports/candidates?dryRun=true', headers: { ...asAdmin, 'content-type': 'text/csv' }, payload: 'email,first_name,last_name\nx@a.test,X,A\n' });
  expect(imported.statusCode, imported.body).toBe(200);
  aIntake.imports.push(imported.json().id);
  const ats = await t.app.inject({ method: 'POST', url: '/api/v1/admin/ats-connections', headers: asAdmin, payload: { name: 'A ATS', defaultRecruiterId: a.users.recruiter.id, fieldMapping: { 'offer.startDate': 'terms.startDate' } } });
  expect(ats.statusCode, ats.body).toBe(201);
  aIntake.atsConnections.push(ats.json().id);
  aIds.webhookDeliveries.push(...(await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.orgId, a.orgId)).limit(3)).map((d) => d.id));
  expect(aIds.webhookDeliveries.length).toBeGreaterThan(0);
  await notifyUser(db, { orgId: a.orgId, userId: a.users.recruiter.id, offerId: draft.id, kind: 'probe', title: 'For A', body: 'Only for A.', now: TEST_NOW });
  const inbox = await t.app.inject({ url: '/api/v1/notifications', headers: { cookie: aRecruiter } });
  aIds.notifications.push(...inbox.json().items.map((n: { id: string }) => n.id));
  expect(aIds.notifications.length).toBeGreaterThan(0);

  // A task template, and a contingency and an onboarding task on one of A's offers.
  const taskTemplate = await t.app.inject({ method: 'POST', url: '/api/v1/admin/onboarding-task-templates', headers: asAdmin, payload: { key: 'a_laptop', title: 'Laptop', ownerRole: 'it', dueOffsetDays: -3 } });
  expect(taskTemplate.statusCode, taskTemplate.body).toBe(201);
  aCloseout.taskTemplates.push(taskTemplate.json().id);
  aCloseout.contingencies.push(crypto.randomUUID());
  aCloseout.tasks.push(crypto.randomUUID());
  await db.insert(contingencies).values({ id: aCloseout.contingencies[0]!, orgId: a.orgId, offerId: draft.id, versionNumber: 1, kind: 'background_check', label: 'Background check', createdAt: TEST_NOW });
  await db.insert(onboardingTasks).values({ id: aCloseout.tasks[0]!, orgId: a.orgId, offerId: draft.id, templateKey: 'a_laptop', title: 'Laptop', ownerRole: 'it', dueDate: '2027-04-01', createdAt: TEST_NOW });

  // Org B: every role signed in, and the admin's API token.
  for (const role of roles) callers.push({ name: `B ${role}`, headers: { cookie: await signIn(t.app, b.users[role].email), ...csrfHeader } });
  const bAdmin = callers.find((c) => c.name === 'B admin')!;
  const tokenRes = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: bAdmin.headers, payload: { name: 'probe' } });
  expect(tokenRes.statusCode, tokenRes.body).toBe(201);
  callers.push({ name: 'B admin API token', headers: { authorization: `Bearer ${tokenRes.json().token}` } });

  operations = apiOperations(t.app);
});
afterAll(() => t?.close());

describe('cross-tenant isolation', () => {
  it('knows an id of org A for every path parameter of every route', () => {
    const withParams = operations.filter((op) => op.pathParams.length);
    expect(withParams.length).toBeGreaterThanOrEqual(7);
    const uncovered = withParams.flatMap((op) => pathValues(op).uncovered);
    expect(uncovered, `routes with a path parameter this test has no org A id for: add a rule to idRules`).toEqual([]);
  });

  it("answers 404 problem+json to every caller of org B for every id of org A, and changes nothing of A", async () => {
    const before = { ...(await tenantSnapshot(t.database.db, a.orgId)), viewsOfAOffers: await compensationViewsOfA() };
    const failures: string[] = [];
    let calls = 0;
    for (const op of operations.filter((o) => o.pathParams.length)) {
      const body = validBody(op);
      for (const values of pathValues(op).values) {
        const url = fillPath(op.path, values);
        for (const caller of callers) {
          const headers: Record<string, string> = { ...caller.headers };
          if (op.method !== 'GET') headers['if-match'] = '"1"';
          const res = await t.app.inject({ method: op.method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
          calls++;
          const type = String(res.headers['content-type'] ?? '');
          if (namespacedWrites.has(op.name)) {
            if (res.statusCode >= 500) failures.push(`${op.name} as ${caller.name} → ${res.statusCode}`);
            continue;
          }
          if (res.statusCode !== 404 || !type.startsWith('application/problem+json'))
            failures.push(`${op.name} as ${caller.name} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures, `org A ids must read as not found:\n${failures.join('\n')}`).toEqual([]);
    const after = { ...(await tenantSnapshot(t.database.db, a.orgId)), viewsOfAOffers: await compensationViewsOfA() };
    expect(after).toEqual(before);
  });

  it("never lists org A's rows to org B", async () => {
    const secrets = [a.orgId, a.slug, ...aIds.offers, ...aIds.tokens, ...Object.values(a.users).map((u) => u.id), a.candidateId, a.requisitionId, a.departmentId, a.businessUnitId];
    const leaks: string[] = [];
    let lists = 0;
    for (const op of operations.filter((o) => o.method === 'GET' && !o.pathParams.length)) {
      // Required query parameters take org B's own values (a uuid is B's requisition), so the list itself is reached.
      const query = op.query
        .filter((p) => p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sampleValue(p.schema, b.requisitionId)))}`)
        .join('&');
      for (const caller of callers) {
        const res = await t.app.inject({ url: `${op.path}${query ? `?${query}` : ''}`, headers: caller.headers });
        if (res.statusCode === 200) lists++;
        expect(res.statusCode, `${op.name} as ${caller.name}`).toBeLessThan(500);
        for (const secret of secrets) if (res.body.includes(secret)) leaks.push(`${op.name} as ${caller.name} shows ${secret}`);
      }
    }
    expect(lists).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });

  it("finds nothing when a list is filtered by org A's ids", async () => {
    const idFor = (name: string): string | undefined =>
      /offer/i.test(name) ? aIds.offers[0]
      : /businessUnit/i.test(name) ? a.businessUnitId
      : /department/i.test(name) ? a.departmentId
      : /requisition/i.test(name) ? a.requisitionId
      : /candidate/i.test(name) ? a.candidateId
      : /(actor|recruiter|user|manager)/i.test(name) ? a.users.recruiter.id
      : undefined;
    const secrets = [a.orgId, ...aIds.offers, ...aIds.tokens, ...Object.values(a.users).map((u) => u.id), a.candidateId, a.requisitionId, a.departmentId, a.businessUnitId];
    const leaks: string[] = [];
    let probes = 0;
    for (const op of operations.filter((o) => o.method === 'GET' && !o.pathParams.length)) {
      for (const p of op.query.filter((q) => q.schema.format === 'uuid' && idFor(q.name))) {
        const others = op.query.filter((q) => q.required && q.name !== p.name).map((q) => `${q.name}=${encodeURIComponent(String(sampleValue(q.schema, b.requisitionId)))}`);
        const url = `${op.path}?${[`${p.name}=${idFor(p.name)}`, ...others].join('&')}`;
        for (const caller of callers) {
          const res = await t.app.inject({ url, headers: caller.headers });
          probes++;
          expect(res.statusCode, `${op.name}?${p.name} as ${caller.name}`).toBeLessThan(500);
          // A 404 may quote the id it was sent; anything else of org A is a leak.
          for (const secret of secrets) if (!url.includes(secret) && res.body.includes(secret)) leaks.push(`${op.name}?${p.name} as ${caller.name} shows ${secret}`);
          const items = (res.statusCode === 200 ? (res.json() as { items?: unknown[] }).items : undefined) ?? [];
          if (items.length) leaks.push(`${op.name}?${p.name} as ${caller.name} lists ${items.length} rows`);
        }
      }
    }
    expect(probes).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });

  it("refuses org A's ids in query strings and bodies as unknown", async () => {
    const bRecruiter = callers.find((c) => c.name === 'B recruiter')!.headers;
    const prefill = await t.app.inject({ url: `/api/v1/intake/prefill?requisitionId=${a.requisitionId}`, headers: bRecruiter });
    expect(prefill.statusCode, prefill.body).toBe(404);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/offers',
      headers: bRecruiter,
      payload: { candidateId: a.candidateId, requisitionId: a.requisitionId, terms: validTerms(a, TEST_NOW) },
    });
    expect(create.statusCode, create.body).toBe(422);
    const fields = (create.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['candidateId', 'requisitionId', 'terms.departmentId', 'terms.managerId']);
  });
});
