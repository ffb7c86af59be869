import { usStateCodes } from '../../../../core/us-states';
import { t } from '../../../i18n/t';
import '../messages.en';
import { employmentTypeLabel, flsaLabel, usStateLabel } from '../../../lib/labels';
import type { RuleMatch } from '../api/library';

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A long state list reads better as what it leaves out: "any state except Montana". */
function statesInWords(states: string[]): string {
  const missing = usStateCodes.filter((s) => !states.includes(s));
  if (states.length > usStateCodes.length / 2 && missing.length > 0) return t('documents.rules.statesExcept', { states: missing.map(usStateLabel).join(', ') });
  return t('documents.rules.states', { states: states.map(usStateLabel).join(', ') });
}

/** When a rule applies, in words: "employment type is full-time or part-time; FLSA exempt". */
export function ruleMatchInWords(match: RuleMatch, unitName: (id: string) => string = (id) => id): string {
  const parts: string[] = [];
  if (match.employmentTypes?.length) parts.push(t('documents.rules.employmentTypes', { types: match.employmentTypes.map((v) => lower(employmentTypeLabel(v))).join(', ') }));
  if (match.flsaStatuses?.length) parts.push(t('documents.rules.flsa', { statuses: match.flsaStatuses.map((v) => lower(flsaLabel(v))).join(', ') }));
  if (match.states?.length) parts.push(statesInWords(match.states));
  if (match.roleFamilies?.length) parts.push(t('documents.rules.roleFamilies', { families: match.roleFamilies.join(', ') }));
  if (match.businessUnitIds?.length) parts.push(t('documents.rules.businessUnits', { units: match.businessUnitIds.map(unitName).join(', ') }));
  return parts.length ? parts.join('; ') : t('documents.rules.always');
}
