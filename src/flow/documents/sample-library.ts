import type { Actor } from '../../core/actor';
import { usStateCodes } from '../../core/us-states';
import type { LibraryService } from './library.service';
import type { RuleMatch } from './packet-selection';
import { sampleTemplates, standardClauses } from './sample-templates';

const w2 = ['full_time', 'part_time', 'temp_to_hire', 'contract_w2'] as RuleMatch['employmentTypes'];
const contractors = ['contract_1099', 'corp_to_corp'] as RuleMatch['employmentTypes'];

/** The sample packet rules, in order: one letter per offer, then addenda and state notices. */
export const samplePacketRules: { templateKey: string; description: string; match: RuleMatch }[] = [
  { templateKey: 'offer_letter_exempt', description: 'Salaried letter for exempt W-2 hires', match: { employmentTypes: w2, flsaStatuses: ['exempt'] } },
  { templateKey: 'offer_letter_hourly', description: 'Hourly letter for non-exempt W-2 hires', match: { employmentTypes: w2, flsaStatuses: ['non_exempt'] } },
  { templateKey: 'contractor_engagement', description: 'Engagement letter for 1099 and corp-to-corp contractors', match: { employmentTypes: contractors } },
  { templateKey: 'addendum_at_will', description: 'At-will addendum for W-2 hires outside Montana', match: { employmentTypes: w2, states: usStateCodes.filter((s) => s !== 'MT') } },
  { templateKey: 'addendum_at_will_montana', description: 'Montana employment addendum (not at will after probation)', match: { employmentTypes: w2, states: ['MT'] } },
  { templateKey: 'addendum_confidentiality', description: 'Confidentiality addendum for everyone', match: {} },
  { templateKey: 'addendum_contingencies', description: 'Contingencies addendum for W-2 hires', match: { employmentTypes: w2 } },
  { templateKey: 'notice_ca_wage', description: 'California wage notice for non-exempt hires in California', match: { states: ['CA'], flsaStatuses: ['non_exempt'] } },
  { templateKey: 'notice_ny_pay_ack', description: 'New York pay notice acknowledgement for hires in New York', match: { states: ['NY'] } },
];

/**
 * Installs the sample templates, standard clauses and packet rules through the library service
 * (validated like any author's). The New York acknowledgement is signed by the hire, so it is an
 * addendum here rather than an unsigned notice.
 */
export async function installSampleLibrary(library: Pick<LibraryService, 'saveTemplate' | 'saveClause' | 'saveRules'>, admin: Actor) {
  for (const t of sampleTemplates) {
    const kind = t.kind === 'notice' && t.signed ? 'addendum' : t.kind;
    await library.saveTemplate(admin, t.key, { name: t.name, kind, source: t.source });
  }
  for (const c of standardClauses) await library.saveClause(admin, c.key, { title: c.title, body: c.body, appliesTo: {} });
  await library.saveRules(admin, samplePacketRules);
}
