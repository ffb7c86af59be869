import type { Liquid, Template } from 'liquidjs';
import { customExampleValues } from './custom-catalogue';
import { catalogueByPath, catalogueGroups, fieldCatalogue, type CatalogueField } from './field-catalogue';
import { allowedFilters, blockedTags, createTemplateEngine, MAX_OUTPUT_CHARS, MAX_TEMPLATE_CHARS, MEMORY_LIMIT } from './template-engine';
import { TemplateRenderError, toTemplateRenderError } from './template-render';

export interface TemplateProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** The catalogue path (or what the author wrote) when the problem is about a field. */
  field?: string;
}

export type TemplateValidation = { ok: true; fields: string[] } | { ok: false; problems: TemplateProblem[] };

let engine: Liquid | null = null;
const strictEngine = () => (engine ??= createTemplateEngine({ strictVariables: true }));

/** 1-based line and column of a character offset. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known name, if one is close enough to be a likely typo. */
export function closestName(wrong: string, names: readonly string[]): string | undefined {
  const lower = wrong.toLowerCase();
  const sameButCase = names.find((n) => n.toLowerCase() === lower);
  if (sameButCase) return sameButCase;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(wrong.length / 6))) ? best : undefined;
}

const suggest = (wrong: string, names: readonly string[]) => {
  const near = closestName(wrong, names);
  return near ? ` (did you mean "${near}"?)` : '';
};

interface LiquidLikeError extends Error {
  token?: { getPosition?: () => [number, number]; input?: string; begin?: number; end?: number; name?: string };
}

const closingTags: Record<string, string> = { if: 'endif', unless: 'endunless', case: 'endcase', for: 'endfor', capture: 'endcapture', comment: 'endcomment', raw: 'endraw' };

/** A liquidjs parse error, in product words, with its position. */
function describeParseError(err: LiquidLikeError, source: string): TemplateProblem {
  const [line, column] = err.token?.getPosition?.() ?? [1, 1];
  const raw = err.message.replace(/, line:\d+, col:\d+[\s\S]*$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^tag "(.+)" not found$/.exec(raw))) {
    const name = m[1]!;
    if ((blockedTags as readonly string[]).includes(name))
      return { line, column, message: `the tag "{% ${name} %}" is not allowed: a template cannot load other templates or files` };
    if (/^(end\w+|else|elsif|when)$/.test(name)) {
      const opener = name.startsWith('end') ? `{% ${name.slice(3)} %}` : '{% if %}, {% unless %}, {% case %} or {% for %}';
      return { line, column, message: `"{% ${name} %}" has no matching ${opener} before it` };
    }
    return { line, column, message: `unknown tag "${name}"` };
  }
  if ((m = /^tag (\{%[\s\S]*%\}) not closed$/.exec(raw))) {
    const name = /^\{%-?\s*(\w+)/.exec(m[1]!)?.[1] ?? '';
    const closer = closingTags[name] ?? `end${name}`;
    return { line, column, message: `"${m[1]}" is never closed: add {% ${closer} %}` };
  }
  if ((m = /^output "([\s\S]*)" not closed$/.exec(raw)))
    return { line, column, message: `the output "${m[1]!.trim()}" is never closed: add }}` };
  if ((m = /^undefined filter: (.+)$/.exec(raw))) {
    const name = m[1]!;
    const t = err.token;
    let pos = { line, column };
    if (t?.begin !== undefined && t.end !== undefined) {
      const inToken = source.slice(t.begin, t.end);
      const hit = new RegExp(`\\|\\s*(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\b`).exec(inToken);
      if (hit) pos = positionOf(source, t.begin + hit.index + hit[0].length - name.length);
    }
    return { ...pos, message: `unknown filter "${name}"${suggest(name, Object.keys(allowedFilters))}` };
  }
  if ((m = /^illegal tag: ([\s\S]+)$/.exec(raw))) return { line, column, message: `"${m[1]}" is not written correctly` };
  if (/^expected "\|" before filter$/.test(raw))
    return { line, column, message: 'unexpected text here: check the operator (==, !=, <, >, <=, >=, contains, and, or) or add a | before a filter' };
  return { line, column, message: raw };
}

/** Walks every node of a parsed template, depth first. */
function* nodes(templates: Template[]): Generator<Template> {
  for (const t of templates) {
    yield t;
    if (t.children) {
      const gen = t.children(false, true);
      let step = gen.next();
      while (!step.done) step = gen.next(step.value as never);
      yield* nodes(step.value);
    }
  }
}

interface FilterNode {
  name: string;
  args: unknown[];
  token?: { begin: number };
}

function filterProblems(templates: Template[], source: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const node of nodes(templates)) {
    for (const arg of node.arguments?.() ?? []) {
      const filters = (arg as { filters?: FilterNode[] }).filters ?? [];
      for (const filter of filters) {
        const arity = allowedFilters[filter.name];
        if (!arity) continue; // the output escape the engine adds itself
        const [min, max] = arity;
        const n = filter.args.length;
        if (n >= min && n <= max) continue;
        const pos = filter.token ? positionOf(source, filter.token.begin) : positionOf(source, 0);
        const wants = min === max ? `${min === 0 ? 'no' : min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
        problems.push({ ...pos, message: `the filter "${filter.name}" takes ${wants}, not ${n}` });
      }
    }
  }
  return problems;
}

type Segment = string | number | Segment[];

const listProperties = new Set(['size', 'first', 'last']);

/** The built-in catalogue plus the organisation's custom fields (`custom.<key>`), for one check. */
interface Catalogue {
  byPath: ReadonlyMap<string, CatalogueField>;
  groups: readonly string[];
  all: readonly CatalogueField[];
}

const builtIn: Catalogue = { byPath: catalogueByPath, groups: catalogueGroups, all: fieldCatalogue };

function catalogueWith(custom: readonly CatalogueField[]): Catalogue {
  if (custom.length === 0) return builtIn;
  const all = [...fieldCatalogue, ...custom];
  return { byPath: new Map(all.map((c) => [c.path, c])), groups: [...catalogueGroups, 'custom'], all };
}

/** Checks one variable path against the catalogue; returns the catalogue path or a problem message. */
function checkPath(segments: Segment[], { byPath, groups, all }: Catalogue): { field: string } | { problem: string; field: string } {
  const written = segments.map((s) => (Array.isArray(s) ? '[…]' : typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
  if (segments.some((s) => Array.isArray(s)))
    return { problem: `field names must be written out in full: "${written}" looks one up by another value`, field: written };
  const names = segments as (string | number)[];
  for (let n = names.length; n >= 1; n--) {
    const prefix = names.slice(0, n);
    if (prefix.some((s) => typeof s !== 'string')) continue;
    const field = byPath.get(prefix.join('.'));
    if (!field) continue;
    const rest = names.slice(n);
    if (rest.length === 0) return { field: field.path };
    const okRest = restAllowed(field, rest);
    if (okRest) return { field: field.path };
    return { problem: `unknown field "${written}": "${field.path}" has no "${rest.join('.')}"`, field: written };
  }
  const head = names[0];
  if (names.length === 1 && typeof head === 'string' && groups.includes(head)) {
    const one = all.find((c) => c.path.startsWith(`${head}.`))?.path;
    return { problem: `"${head}" is a group of fields; name one of them, e.g. "${one}"`, field: head };
  }
  if (head === 'custom')
    return { problem: `unknown field "${written}": the organisation has no custom field of that key${suggest(written, all.map((c) => c.path))}`, field: written };
  return { problem: `unknown field "${written}"${suggest(written, all.map((c) => c.path))}`, field: written };
}

function restAllowed(field: CatalogueField, rest: (string | number)[]): boolean {
  if (rest.length !== 1) return false;
  const [r] = rest;
  if (field.type === 'list') return typeof r === 'number' || listProperties.has(String(r));
  if (field.type === 'text' || field.type === 'money' || field.type === 'date') return r === 'size';
  return false;
}

/**
 * Checks a template before it is saved: it must parse, use only allowed tags and filters (with
 * the right number of arguments) and only fields from the catalogue, or the organisation's custom
 * fields passed as `custom` (custom-catalogue.ts). Loop variables and `assign`/`capture` names
 * are the template's own and need no catalogue entry.
 */
export function validateTemplate(source: string, custom: readonly CatalogueField[] = []): TemplateValidation {
  const catalogue = catalogueWith(custom);
  if (source.length > MAX_TEMPLATE_CHARS)
    return {
      ok: false,
      problems: [
        {
          line: 1,
          column: 1,
          message: `the template is ${source.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')}`,
        },
      ],
    };
  const liquid = strictEngine();
  let templates: Template[];
  try {
    templates = liquid.parse(source);
  } catch (err) {
    if (err instanceof Error && 'token' in err) return { ok: false, problems: [describeParseError(err as LiquidLikeError, source)] };
    throw err;
  }
  const problems = filterProblems(templates, source);
  const fields = new Set<string>();
  const analysis = liquid.analyzeSync(templates, { partials: false });
  for (const variables of Object.values(analysis.globals)) {
    for (const variable of variables) {
      const result = checkPath(variable.toArray() as Segment[], catalogue);
      if ('problem' in result)
        problems.push({ line: variable.location.row, column: variable.location.col, message: result.problem, field: result.field });
      else fields.add(result.field);
    }
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  const limit = trialRender(liquid, templates, custom);
  if (limit) return { ok: false, problems: [limit] };
  return { ok: true, fields: [...fields].sort() };
}

/** How long the trial render at save time may take: shorter than a real render, so saving stays quick. */
export const TRIAL_RENDER_LIMIT_MS = 250;

let exampleContext: Record<string, unknown> | null = null;

/** A merge context filled with each catalogue field's example (and the custom fields' examples), for the trial render. */
export function catalogueExampleContext(custom: readonly CatalogueField[] = []): Record<string, unknown> {
  if (custom.length) return { ...catalogueExampleContext(), custom: customExampleValues(custom) };
  if (exampleContext) return exampleContext;
  const ctx: Record<string, Record<string, unknown>> = {};
  for (const field of fieldCatalogue) {
    const [group, name] = field.path.split('.') as [string, string];
    const value =
      field.type === 'boolean' ? field.example === 'true'
      : field.type === 'list' ? field.example.split(', ')
      : field.type === 'number' || field.type === 'percent' ? Number(field.example)
      : field.example;
    (ctx[group] ??= {})[name] = value;
  }
  return (exampleContext = ctx);
}

/**
 * Renders the template once with the catalogue's examples, so a loop that would run away (or
 * output that would grow past the limit) is refused at save time rather than when a packet is made.
 * Only the limits are reported here; everything else was checked above.
 */
function trialRender(liquid: Liquid, templates: Template[], custom: readonly CatalogueField[]): TemplateProblem | null {
  let out: unknown;
  try {
    out = liquid.renderSync(templates, catalogueExampleContext(custom), {
      strictVariables: false,
      renderLimit: TRIAL_RENDER_LIMIT_MS,
      memoryLimit: MEMORY_LIMIT,
    });
  } catch (err) {
    const e = toTemplateRenderError(err, { renderLimitMs: TRIAL_RENDER_LIMIT_MS });
    if (e instanceof TemplateRenderError && (e.reason === 'time_limit' || e.reason === 'memory_limit'))
      return { line: e.line ?? 1, column: e.column ?? 1, message: e.message };
    return null;
  }
  const length = String(out).length;
  if (length > MAX_OUTPUT_CHARS)
    return {
      line: 1,
      column: 1,
      message: `The template produced ${length.toLocaleString('en-US')} characters with the example offer; a document may be at most ${MAX_OUTPUT_CHARS.toLocaleString('en-US')}. Look for a loop that repeats text too many times.`,
    };
  return null;
}
