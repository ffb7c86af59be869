import { z } from 'zod';
import { employmentTypes, flsaStatuses } from '../intake/offer-terms.schema';
import { usStateCodes } from '../../core/us-states';

const list = <T extends z.ZodType>(item: T) => z.array(item).max(100).optional();

/** When a rule applies: every list given must contain the offer's value; an absent or empty list matches any. */
export const ruleMatchSchema = z.strictObject({
  employmentTypes: list(z.enum(employmentTypes)),
  states: list(z.enum(usStateCodes, 'must be a US state code like CA')),
  flsaStatuses: list(z.enum(flsaStatuses)),
  roleFamilies: list(z.string().trim().min(1).max(60)),
  businessUnitIds: list(z.uuid('must be a business unit id')),
});
export type RuleMatch = z.infer<typeof ruleMatchSchema>;

export interface PacketRule {
  id: string;
  position: number;
  templateKey: string;
  description: string;
  match: RuleMatch;
}

export interface SelectionSubject {
  employmentType: string;
  state: string;
  flsaStatus: string;
  roleFamily: string | null;
  businessUnitId: string;
}

export interface SelectedDocument {
  templateKey: string;
  ruleId: string;
  /** The rule in words, recorded with the packet: why this document is in it. */
  ruleDescription: string;
}

const admits = (allowed: readonly string[] | undefined, value: string | null) => !allowed?.length || (value !== null && allowed.includes(value));

export function ruleApplies(match: RuleMatch, s: SelectionSubject): boolean {
  return (
    admits(match.employmentTypes, s.employmentType) &&
    admits(match.states, s.state) &&
    admits(match.flsaStatuses, s.flsaStatus) &&
    admits(match.roleFamilies, s.roleFamily) &&
    admits(match.businessUnitIds, s.businessUnitId)
  );
}

/** The templates of a packet in rule order, each once, with the first rule that chose it. */
export function selectDocuments(rules: readonly PacketRule[], subject: SelectionSubject): SelectedDocument[] {
  const chosen = new Map<string, SelectedDocument>();
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (chosen.has(rule.templateKey) || !ruleApplies(rule.match, subject)) continue;
    chosen.set(rule.templateKey, { templateKey: rule.templateKey, ruleId: rule.id, ruleDescription: rule.description });
  }
  return [...chosen.values()];
}
