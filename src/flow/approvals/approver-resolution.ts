import type { Db } from '../../db/client';
import type { ApproverSpec } from '../policy/policy.schema';
import * as directory from './approver-directory.repo';
import type { DirectoryUser } from './approver-directory.repo';

/** What the relations of a policy are resolved against. */
export interface RoutingParties {
  orgId: string;
  businessUnitId: string;
  departmentId: string;
  requisitionId: string | null;
  /** The offer's manager from the terms: stands in for the hiring manager when there is no requisition. */
  managerId: string | null;
  /** The person who submitted (or asked to rescind): never an approver of their own request. */
  submitterId: string | null;
  /** That person in words, for when they are the only approver found; 'the person who submitted the offer' by default. */
  submitterIs?: string;
}

export interface ResolvedApprovers {
  users: DirectoryUser[];
  /** Why nobody was found, in words, when `users` is empty. */
  missing?: string;
}

const relationWords = {
  requisition_hiring_manager: "the requisition's hiring manager",
  department_hrbp: 'the HRBP of the department',
  hiring_manager_manager: "the hiring manager's manager",
} as const;

/** Turns one approver spec into named people, or says who is missing. */
export async function resolveApprovers(db: Db, parties: RoutingParties, spec: ApproverSpec): Promise<ResolvedApprovers> {
  const found = await lookup(db, parties, spec);
  const users = found.filter((u) => u.id !== parties.submitterId);
  if (users.length) return { users };
  if (found.length) return { users, missing: `${describeSpec(spec)} is ${parties.submitterIs ?? 'the person who submitted the offer'}, who cannot approve it` };
  return { users, missing: `nobody is ${describeSpec(spec)}` };
}

async function lookup(db: Db, parties: RoutingParties, spec: ApproverSpec): Promise<DirectoryUser[]> {
  if ('role' in spec) return directory.usersWithRole(db, parties.orgId, spec.role, parties.businessUnitId);
  if ('user' in spec) {
    const user = await directory.activeUserByEmail(db, parties.orgId, spec.user);
    return user ? [user] : [];
  }
  const hiringManagerId = (await directory.requisitionHiringManagerId(db, parties.orgId, parties.requisitionId)) ?? parties.managerId;
  const id =
    spec.relation === 'requisition_hiring_manager'
      ? hiringManagerId
      : spec.relation === 'department_hrbp'
        ? await directory.departmentHrbpId(db, parties.orgId, parties.departmentId)
        : await directory.managerOf(db, parties.orgId, hiringManagerId);
  const user = await directory.activeUserById(db, parties.orgId, id);
  return user ? [user] : [];
}

export function describeSpec(spec: ApproverSpec): string {
  if ('role' in spec) return `anyone with the role "${spec.role}" for this business unit`;
  if ('user' in spec) return `the user ${spec.user}`;
  return relationWords[spec.relation];
}

/** Resolves several specs into one de-duplicated list, keeping the policy's order. */
export async function resolveAll(db: Db, parties: RoutingParties, specs: ApproverSpec[]): Promise<ResolvedApprovers> {
  const seen = new Map<string, DirectoryUser>();
  const missing: string[] = [];
  for (const spec of specs) {
    const r = await resolveApprovers(db, parties, spec);
    r.users.forEach((u) => seen.set(u.id, u));
    if (r.missing) missing.push(r.missing);
  }
  const users = [...seen.values()];
  return users.length ? { users } : { users, missing: missing.join('; ') };
}
