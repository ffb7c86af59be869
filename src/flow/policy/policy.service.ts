import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { activeUserEmails } from '../approvals/approver-directory.repo';
import type { FieldDefinition } from '../fields/field-definition.schema';
import { listDefinitions } from '../fields/fields.repo';
import { buildCustomCatalogue } from './custom-catalogue';
import { parsePolicy, type PolicyProblem } from './policy-parse';
import * as repo from './policy.repo';

export type PolicyFormat = 'yaml' | 'json';

export interface PolicySource {
  format: PolicyFormat;
  source: string;
}

/** Organisation admins write every policy; a business unit's admins write that unit's own. */
function mayWrite(actor: Actor, businessUnitId: string | null): boolean {
  if (holdsOrgWide(actor, 'admin')) return true;
  return businessUnitId !== null && actor.roles.some((g) => g.role === 'admin' && g.businessUnitId === businessUnitId);
}

/** Roles that route or approve offers read policies; the rest have no need to. */
const readerRoles = new Set(['admin', 'recruiter', 'finance', 'hrbp', 'legal', 'hiring_manager']);

export function requirePolicyReader(actor: Actor): void {
  if (!actor.roles.some((g) => readerRoles.has(g.role))) throw new ForbiddenError('Your role does not read approval policies.');
}

export function problemsAsFields(problems: PolicyProblem[]) {
  return problems.map((p) => ({ field: p.path ? `policy.${p.path}` : 'policy', message: p.message }));
}

/** Approval policies as versioned data: validate, save a new version, read any version. */
export function createPolicyService({ db, clock }: { db: Db; clock: Clock }) {
  /**
   * Parses against the organisation's users and the custom fields of the policy's scope: a
   * business unit's (its own and organisation-wide), or for the organisation policy (null) all.
   */
  async function check(orgId: string, input: PolicySource, businessUnitId: string | null = null) {
    const [userEmails, definitions] = await Promise.all([activeUserEmails(db, orgId), listDefinitions(db, orgId)]);
    const customFields = buildCustomCatalogue(
      definitions.map((d) => ({ key: d.row.key, businessUnitId: d.row.businessUnitId, retired: d.row.retiredAt !== null, definition: d.version.definition as FieldDefinition })),
      businessUnitId,
    );
    return parsePolicy(input.source, input.format, { userEmails, customFields });
  }

  async function validate(actor: Actor, input: PolicySource & { businessUnitId?: string | null }) {
    requirePolicyReader(actor);
    const parsed = await check(actor.orgId, input, input.businessUnitId ?? null);
    return parsed.ok ? { ok: true, problems: [] } : { ok: false, problems: parsed.problems };
  }

  async function save(actor: Actor, input: PolicySource & { businessUnitId: string | null; note?: string }) {
    if (!mayWrite(actor, input.businessUnitId)) {
      throw new ForbiddenError(input.businessUnitId ? "Only admins of this business unit or the organisation change its policy." : 'Only organisation admins change the organisation policy.');
    }
    const parsed = await check(actor.orgId, input, input.businessUnitId);
    if (!parsed.ok) throw new ValidationError(problemsAsFields(parsed.problems));
    const now = clock.now();
    return db.transaction(async (tx) => {
      const policy =
        (await repo.lockPolicy(tx, actor.orgId, input.businessUnitId)) ??
        (await repo.insertPolicy(tx, { id: randomUUID(), orgId: actor.orgId, businessUnitId: input.businessUnitId, createdAt: now }));
      const version = await repo.insertPolicyVersion(tx, {
        id: randomUUID(),
        orgId: actor.orgId,
        policyId: policy.id,
        number: policy.currentVersion + 1,
        format: input.format,
        source: input.source,
        document: parsed.policy,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: now,
      });
      return { policyId: policy.id, businessUnitId: policy.businessUnitId, ...versionView(version) };
    });
  }

  async function list(actor: Actor) {
    requirePolicyReader(actor);
    const policies = await repo.listPolicies(db, actor.orgId);
    return Promise.all(
      policies.map(async (p) => ({
        id: p.id,
        businessUnitId: p.businessUnitId,
        currentVersion: p.currentVersion,
        versions: (await repo.listPolicyVersions(db, actor.orgId, p.id)).map((v) => ({
          id: v.id,
          number: v.number,
          format: v.format as PolicyFormat,
          note: v.note,
          createdAt: v.createdAt.toISOString(),
          createdByName: v.createdByName,
        })),
      })),
    );
  }

  async function getVersion(actor: Actor, policyId: string, number: number) {
    const policy = await repo.findPolicy(db, actor.orgId, policyId);
    if (!policy) throw new NotFoundError('policy', policyId);
    requirePolicyReader(actor);
    const version = await repo.findPolicyVersion(db, actor.orgId, policyId, number);
    if (!version) throw new NotFoundError('policy version', String(number));
    return { policyId, businessUnitId: policy.businessUnitId, ...versionView(version) };
  }

  return { validate, save, list, getVersion, check };
}

function versionView(v: repo.PolicyVersionRow) {
  return {
    id: v.id,
    number: v.number,
    format: v.format as PolicyFormat,
    source: v.source,
    note: v.note,
    createdAt: v.createdAt.toISOString(),
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
