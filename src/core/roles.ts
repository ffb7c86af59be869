export const roles = [
  'admin',
  'recruiter',
  'hiring_manager',
  'finance',
  'hrbp',
  'legal',
  'hr_ops',
  'it',
  'payroll',
  'client_approver',
] as const;
export type Role = (typeof roles)[number];

/** Roles that may create and edit offers during intake. */
export const intakeRoles: readonly Role[] = ['admin', 'recruiter'];

export function hasAnyRole(held: readonly Role[], wanted: readonly Role[]): boolean {
  return held.some((r) => wanted.includes(r));
}
