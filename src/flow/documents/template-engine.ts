import { Liquid } from 'liquidjs';
import { formatDateLong, formatMergeMoney } from './field-catalogue';

/**
 * The one Liquid engine every template runs in, sandboxed:
 * - templates live in memory only: the engine has an empty in-memory template map, and the tags
 *   that load other templates (`include`, `render`, `layout`, `block`) are removed, so a template
 *   can never name a file;
 * - `ownPropertyOnly`: a template reads only the merge context's own properties, never
 *   `constructor`, `__proto__` or anything up a prototype chain;
 * - no globals: the merge context is the only scope (no `process`, no environment);
 * - a fixed set of filters (unknown filters are refused when the template is parsed) and tags;
 * - limits on template size, render time and memory.
 */

/** Longest template accepted, in characters. */
export const MAX_TEMPLATE_CHARS = 100_000;
/** Longest a render may run, in milliseconds. */
export const RENDER_LIMIT_MS = 1_000;
/** Liquid's allocation budget (strings, arrays and ranges built while rendering). */
export const MEMORY_LIMIT = 10_000_000;
/** Longest markup a render may produce, in characters. */
export const MAX_OUTPUT_CHARS = 500_000;

/** Tags a template may use. */
export const allowedTags = [
  'if', 'unless', 'case', 'for', 'break', 'continue', 'assign', 'capture', 'comment', '#', 'raw', 'echo', 'liquid',
  'cycle', 'increment', 'decrement',
] as const;

/** Tags that would load another template or file; named so the validator can explain the refusal. */
export const blockedTags = ['include', 'render', 'layout', 'block', 'tablerow'] as const;

/** Filters a template may use, with how many arguments each takes [min, max]. */
export const allowedFilters: Readonly<Record<string, readonly [number, number]>> = {
  // text
  upcase: [0, 0], downcase: [0, 0], capitalize: [0, 0], append: [1, 1], prepend: [1, 1], replace: [2, 2],
  replace_first: [2, 2], remove: [1, 1], remove_first: [1, 1], strip: [0, 0], lstrip: [0, 0], rstrip: [0, 0],
  truncate: [0, 2], truncatewords: [0, 2], split: [1, 1], default: [1, 2], size: [0, 0],
  // numbers
  plus: [1, 1], minus: [1, 1], times: [1, 1], divided_by: [1, 2], modulo: [1, 1], round: [0, 1], floor: [0, 0],
  ceil: [0, 0], abs: [0, 0], at_least: [1, 1], at_most: [1, 1],
  // lists
  join: [0, 1], first: [0, 0], last: [0, 0], sort: [0, 0], uniq: [0, 0], reverse: [0, 0], compact: [0, 0],
  // ours
  money: [0, 1], date_long: [0, 0], and_list: [0, 0],
};

/** `{{ offer.contingencies | and_list }}` → "a background check, reference checks, and a drug screen". */
export function joinWithAnd(items: readonly unknown[]): string {
  const words = items.map(String).filter((s) => s !== '');
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')}, and ${words[words.length - 1]}`;
}

/**
 * Values printed with `{{ }}` are kept on one line and cannot switch bold on or off, so a merge
 * value can never add a heading, a list, a page break or bold text to the document.
 */
export function neutralizeMarkup(value: unknown): string {
  const text = Array.isArray(value) ? value.map(String).join(', ') : value === null || value === undefined ? '' : String(value);
  return text.replace(/[\r\n\t]+/g, ' ').replace(/\*\*/g, '*\u200b*');
}

export function createTemplateEngine(options: { strictVariables?: boolean } = {}): Liquid {
  const engine = new Liquid({
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: options.strictVariables ?? false,
    // Empty text, zero and false count as false in {% if %}, so `{% if offer.signOnBonus %}` reads naturally.
    jsTruthy: true,
    globals: {},
    cache: false,
    outputEscape: neutralizeMarkup,
    parseLimit: MAX_TEMPLATE_CHARS,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  for (const tag of Object.keys(engine.tags)) {
    if (!(allowedTags as readonly string[]).includes(tag)) delete engine.tags[tag];
  }
  for (const filter of Object.keys(engine.filters)) {
    if (!(filter in allowedFilters)) engine.unregisterFilter(filter);
  }
  engine.registerFilter('money', (cents: unknown, currency: unknown = 'USD') => {
    const n = typeof cents === 'number' ? cents : typeof cents === 'string' && /^-?\d+$/.test(cents) ? Number(cents) : NaN;
    return Number.isFinite(n) ? formatMergeMoney(Math.round(n), String(currency)) : '';
  });
  engine.registerFilter('date_long', (iso: unknown) => (typeof iso === 'string' ? formatDateLong(iso) : ''));
  engine.registerFilter('and_list', (items: unknown) => (Array.isArray(items) ? joinWithAnd(items) : neutralizeMarkup(items)));
  return engine;
}
