import type { ApproverSpec } from './policy.schema';

/**
 * The role a step was routed to, for time-to-approve by role: the named role, the role behind a
 * relation (a department's HRBP, a hiring manager or their manager), or 'named_user' for steps
 * that name people. A step with several approver specs takes the first one's.
 */
export function approverRoleOf(approvers: readonly ApproverSpec[]): string | null {
  const first = approvers[0];
  if (!first) return null;
  if ('role' in first) return first.role;
  if ('relation' in first) return first.relation === 'department_hrbp' ? 'hrbp' : 'hiring_manager';
  return 'named_user';
}
