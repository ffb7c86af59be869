import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { insertTemplate } from './handoff.repo';

/** The demo's onboarding task templates: IT, payroll, HR ops and the hiring manager; due relative to the start date. */
export const sampleTaskTemplates = [
  { key: 'it_laptop', title: 'Laptop ordered and imaged', ownerRole: 'it', dueOffsetDays: -7, employmentTypes: [] as string[], description: 'Order and image the laptop; ship it to arrive before the first day.' },
  { key: 'it_accounts', title: 'Accounts: e-mail, SSO and chat', ownerRole: 'it', dueOffsetDays: -3, employmentTypes: [], description: 'Create the directory account and the standard groups.' },
  { key: 'payroll_setup', title: 'Payroll set-up', ownerRole: 'payroll', dueOffsetDays: -5, employmentTypes: ['full_time', 'part_time', 'temp_to_hire', 'contract_w2'], description: 'Add to payroll with pay basis, rate, FLSA status and work state.' },
  { key: 'hr_i9', title: 'Form I-9 (section 2 by day 3)', ownerRole: 'hr_ops', dueOffsetDays: 3, employmentTypes: ['full_time', 'part_time', 'temp_to_hire', 'contract_w2'], description: 'Verify identity and work authorisation documents within three business days of the start date.' },
  { key: 'hr_policies', title: 'Policies acknowledged', ownerRole: 'hr_ops', dueOffsetDays: 0, employmentTypes: [], description: 'Handbook, code of conduct and security policy acknowledged.' },
  { key: 'manager_first_day', title: 'First-day plan', ownerRole: 'hiring_manager', dueOffsetDays: -2, employmentTypes: [], description: 'Agenda for the first day and a buddy for the first weeks.' },
];

export async function installSampleTaskTemplates(db: Db, orgId: string, now: Date): Promise<void> {
  let position = 0;
  for (const t of sampleTaskTemplates) {
    await insertTemplate(db, { id: randomUUID(), orgId, ...t, position: position++, businessUnitId: null, createdAt: now });
  }
}
