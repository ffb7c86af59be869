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
