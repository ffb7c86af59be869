/**
 * Word templates: a .docx with `{placeholder}` tags, where each placeholder is a path of the
 * merge-field catalogue (`{offer.title}`, `{candidate.fullName}`). `inspectDocx` checks an upload
 * before it is saved (a real .docx, well-formed tags, only known fields); `fillDocx` fills it.
 *
 * Tags, with docxtemplater's syntax and `{` `}` as delimiters:
 *   {offer.title}                      a value (a list field reads as its items joined by ", ")
 *   {#offer.hasEquity}…{/offer.hasEquity}   a section shown when the field is true or a non-empty list
 *   {^offer.hasEquity}…{/}             a section shown when it is false or empty
 *   {#offer.contingencies}{.}{/}       inside a list section, `{.}` is the current item
 * Raw XML tags (`{@…}`) are refused: a field's text must never become document markup.
 *
 * Paths resolve on the context's own properties only, never its prototypes.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { ValidationError } from '../../core/errors';

export interface DocxProblem {
  message: string;
  /** The placeholder the problem is about, when there is one. */
  field?: string;
}

export type DocxInspection = { ok: true; fields: string[] } | { ok: false; problems: DocxProblem[] };

/** Checks an uploaded Word template: a .docx, tags that parse, and only fields in `knownFields`. */
export function inspectDocx(file: Buffer, knownFields: ReadonlySet<string>): DocxInspection {
  const collector = new TagCollector();
  const opened = openTemplate(file, collector);
  if (!opened.ok) return opened;
  const problems: DocxProblem[] = [];
  const fields = new Set<string>();

  const walk = (parts: Part[], inSection: boolean) => {
    for (const part of parts) {
      if (part.type !== 'placeholder') continue;
      const name = (part.value ?? '').trim();
      if (part.module === 'rawxml') {
        problems.push({ field: name, message: `The raw XML tag "{@${name}}" is not allowed; write {${name}} instead.` });
        continue;
      }
      if (name === '.') {
        if (!inSection) problems.push({ field: '.', message: 'The tag "{.}" only works inside a list section such as {#offer.contingencies}…{/}.' });
      } else if (name === '') {
        problems.push({ message: 'An empty tag "{}" names no field.' });
      } else if (!knownFields.has(name)) {
        problems.push({ field: name, message: `Unknown field "${name}": it is not in the field catalogue.` });
      } else {
        fields.add(name);
      }
      if (part.subparsed) walk(part.subparsed, inSection || part.module === 'loop');
    }
  };
  for (const parts of collector.files.values()) walk(parts, false);

  if (problems.length) return { ok: false, problems: dedupe(problems) };
  return { ok: true, fields: [...fields].sort() };
}

/**
 * Fills a Word template with the merge context (nested objects: `{ offer: { title } }`). A field
 * missing from the context becomes empty text. Throws ValidationError when the file is not a
 * usable template (run `inspectDocx` at upload to say why before it gets here).
 */
export function fillDocx(file: Buffer, context: Record<string, unknown>): Buffer {
  const opened = openTemplate(file);
  if (!opened.ok) throw problemsError(opened.problems);
  const doc = opened.doc;
  try {
    doc.render(context);
  } catch (err) {
    throw problemsError(templateProblems(err));
  }
  return doc.toBuffer({ compression: 'DEFLATE' });
}

// ---------------------------------------------------------------------------------------------

/** The part of docxtemplater's parsed tag we read. */
interface Part {
  type: string;
  value?: string;
  module?: string;
  subparsed?: Part[];
}

interface ParserContext {
  scopeList: unknown[];
  meta?: { part?: Part };
}

const DOCX_MAIN = 'word/document.xml';

/**
 * Keeps the parsed tags of each templated part of the document (body, headers, footers), from the
 * hook docxtemplater calls on its modules after parsing. (docxtemplater's own InspectModule needs
 * lodash, which we do not install.)
 */
class TagCollector {
  readonly name = 'TagCollector';
  readonly files = new Map<string, Part[]>();
  private file: string | null = null;

  set(options: { inspect?: { filePath?: string; postparsed?: Part[] } }): void {
    const inspect = options.inspect;
    if (!inspect) return;
    if (inspect.filePath) this.file = inspect.filePath;
    if (inspect.postparsed && this.file) this.files.set(this.file, inspect.postparsed);
  }
}

type Opened = { ok: true; doc: Docxtemplater<PizZip> } | { ok: false; problems: DocxProblem[] };

function openTemplate(file: Buffer, module?: TagCollector): Opened {
  let zip: PizZip;
  try {
    zip = new PizZip(file);
  } catch {
    return { ok: false, problems: [{ message: 'The file is not a Word document (.docx): it is not a zip archive.' }] };
  }
  if (!zip.file(DOCX_MAIN) || !zip.file('[Content_Types].xml')) {
    return { ok: false, problems: [{ message: 'The file is not a Word document (.docx): it has no word/document.xml.' }] };
  }
  try {
    const doc = new Docxtemplater(zip, {
      errorLogging: false,
      paragraphLoop: true,
      linebreaks: true,
      delimiters: { start: '{', end: '}' },
      parser: pathParser,
      nullGetter: () => '',
      ...(module ? { modules: [module as unknown as Docxtemplater.DXT.Module] } : {}),
    });
    return { ok: true, doc };
  } catch (err) {
    return { ok: false, problems: templateProblems(err) };
  }
}

/** docxtemplater reports every template error of a file at once, as properties.errors. */
function templateProblems(err: unknown): DocxProblem[] {
  const props = (err as { properties?: { id?: string; errors?: unknown[] } }).properties;
  const list = props?.id === 'multi_error' && Array.isArray(props.errors) ? props.errors : [err];
  return dedupe(list.map(describeTemplateError));
}

function describeTemplateError(err: unknown): DocxProblem {
  const e = err as { message?: string; properties?: { id?: string; explanation?: string; xtag?: string } };
  const p = e.properties ?? {};
  const tag = typeof p.xtag === 'string' ? p.xtag.trim() : undefined;
  switch (p.id) {
    case 'unclosed_tag':
      return { field: tag, message: `The tag "{${tag ?? ''}" is not closed with "}".` };
    case 'unopened_tag':
      return { field: tag, message: `The text "${tag ?? ''}}" closes a tag that was never opened with "{".` };
    case 'duplicate_open_tag':
      return { field: tag, message: `The tag "${tag ?? ''}" opens "{" twice.` };
    case 'duplicate_close_tag':
      return { field: tag, message: `The tag "${tag ?? ''}" closes "}" twice.` };
    case 'filetype_not_identified':
    case 'filetype_not_handled':
      return { message: 'The file is not a Word document (.docx).' };
    case 'file_has_invalid_xml':
    case 'malformed_xml':
      return { message: 'The Word document is damaged: its XML does not parse.' };
    default: {
      const message = p.explanation ?? e.message ?? 'The Word template could not be read.';
      return tag ? { field: tag, message } : { message };
    }
  }
}

function problemsError(problems: DocxProblem[]): ValidationError {
  return new ValidationError(problems.map((p) => ({ field: p.field ? `docx.${p.field}` : 'docx', message: p.message })));
}

function dedupe(problems: DocxProblem[]): DocxProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field ?? ''}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Resolves `a.b.c` in the innermost section scope that has it, then outwards to the root. */
function pathParser(tag: string): { get(scope: unknown, context: ParserContext): unknown } {
  const name = tag.trim();
  const path = name === '.' ? [] : name.split('.');
  return {
    get(scope, context) {
      const isSection = context.meta?.part?.module === 'loop';
      let value: unknown;
      if (path.length === 0) {
        value = scope;
      } else {
        const scopes = context.scopeList ?? [scope];
        for (let i = scopes.length - 1; i >= 0 && value === undefined; i--) value = resolve(scopes[i], path);
      }
      return isSection ? value : asText(value);
    },
  };
}

function resolve(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => asText(v) ?? '').filter((s) => s !== '').join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}
