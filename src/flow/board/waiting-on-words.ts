import type { OfferStatus } from '../../core/lifecycle';

/** The words of the status board that do not depend on people or time; see waiting-on.ts. */

/** Offers that wait on nobody, with the sentence the board shows for each. */
export const terminalWords: Partial<Record<OfferStatus, string>> = {
  handed_off: 'Handed off to onboarding',
  declined: 'Declined by the candidate',
  expired: 'Expired without an answer',
  cancelled: 'Cancelled before it was sent',
  rescinded: 'Rescinded',
  withdrawn: 'Withdrawn',
};

export const nothingToDo = 'Nothing to do';

/** "Finance" → "finance", but "VP Finance" and "HR" keep their capitals. */
export function roleWord(name: string): string {
  if (name.length > 1 && name[1] === name[1]!.toUpperCase() && /[A-Z]/.test(name[1]!)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** "Dana Lee", "Dana Lee and Sam Park", "Dana Lee, Sam Park and Ali Khan". */
export function listOf(names: readonly string[], conj: 'and' | 'or' = 'and'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${conj} ${names[names.length - 1]}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Working time for people: whole business days from 8 hours, else whole business hours; null under an hour. */
export function businessAgeWords(hours: number): string | null {
  if (hours >= 8) return plural(Math.floor(hours / 8), 'business day');
  if (hours >= 1) return plural(Math.floor(hours), 'business hour');
  return null;
}

/** Calendar time for the candidate, who does not keep office hours: "3 days ago", "5 hours ago", "just now". */
export function agoWords(from: Date, now: Date): string {
  const hours = (now.getTime() - from.getTime()) / 3_600_000;
  if (hours >= 24) return `${plural(Math.floor(hours / 24), 'day')} ago`;
  if (hours >= 1) return `${plural(Math.floor(hours), 'hour')} ago`;
  return 'just now';
}

export const slaWords = { ok: null, due_soon: 'SLA due soon', breached: 'SLA breached' } as const;
