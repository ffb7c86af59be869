import { t } from '../i18n/t';
import '../i18n/shared.en';
import type { FieldProblem } from './api-client';
import { readableDates } from './format';
import { termsFieldLabel } from './labels';

/** "Start date must be after today (2026-11-25)": the server's dotted paths in the words of the form. */
export function describeFieldProblem(p: FieldProblem): string {
  return t('intake.fieldError', { label: termsFieldLabel(p.field), message: readableDates(p.message) });
}

export function describeFieldProblems(problems: FieldProblem[]): string {
  return problems.map(describeFieldProblem).join(' ');
}
