import type { Liquid, Template } from 'liquidjs';
import { AppError } from '../../core/errors';
import { createTemplateEngine, MAX_OUTPUT_CHARS, MAX_TEMPLATE_CHARS, MEMORY_LIMIT, RENDER_LIMIT_MS } from './template-engine';

export type TemplateRenderFailure = 'time_limit' | 'memory_limit' | 'output_limit' | 'template_size' | 'invalid_template' | 'render_failed';

/** A template that could not be rendered; the message says why in product words. */
export class TemplateRenderError extends AppError {
  constructor(
    readonly reason: TemplateRenderFailure,
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super('validation_failed', 422, message);
  }
}

let engine: Liquid | null = null;
const sharedEngine = () => (engine ??= createTemplateEngine());

/** Parsed templates by source, most recently used last; a packet renders the same few templates over and over. */
const parsed = new Map<string, Template[]>();
const PARSED_CACHE_SIZE = 64;

function parseCached(liquid: Liquid, source: string): Template[] {
  const hit = parsed.get(source);
  if (hit) {
    parsed.delete(source);
    parsed.set(source, hit);
    return hit;
  }
  const templates = liquid.parse(source);
  parsed.set(source, templates);
  if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  return templates;
}

interface LiquidLikeError {
  message: string;
  token?: { getPosition?: () => [number, number] };
  originalError?: { message?: string };
}

const at = (line: number | null, column: number | null) => (line ? ` (line ${line}, column ${column})` : '');

/** Turns a liquidjs error into a TemplateRenderError; other errors pass through. */
export function toTemplateRenderError(err: unknown, limits = { renderLimitMs: RENDER_LIMIT_MS }): TemplateRenderError | unknown {
  if (err instanceof TemplateRenderError || !(err instanceof Error) || !('token' in err)) return err;
  const e = err as LiquidLikeError;
  const [line, column] = e.token?.getPosition?.() ?? [null, null];
  const inner = (e.originalError?.message ?? e.message).replace(/, line:\d+, col:\d+[\s\S]*$/, '');
  if (/render limit exceeded/.test(inner))
    return new TemplateRenderError(
      'time_limit',
      `The template took too long to render (over ${limits.renderLimitMs} ms)${at(line, column)}. Look for a loop that runs too many times.`,
      line,
      column,
    );
  if (/memory alloc limit exceeded/.test(inner))
    return new TemplateRenderError(
      'memory_limit',
      `The template needs too much memory to render${at(line, column)}. Look for a very long range like (1..100000000) or text that keeps doubling in a loop.`,
      line,
      column,
    );
  const parse = err.name === 'ParseError' || err.name === 'TokenizationError';
  return new TemplateRenderError(
    parse ? 'invalid_template' : 'render_failed',
    `${parse ? 'The template does not parse' : 'The template could not be rendered'}${at(line, column)}: ${inner}.`,
    line,
    column,
  );
}

/**
 * Renders a template to the document markup (see document-model.ts) with the sandbox's limits.
 * Templates are validated when saved; a field the context lacks renders as empty text here.
 */
export async function renderTemplate(source: string, context: Record<string, unknown>): Promise<string> {
  if (source.length > MAX_TEMPLATE_CHARS)
    throw new TemplateRenderError(
      'template_size',
      `The template is ${source.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')}.`,
    );
  const liquid = sharedEngine();
  let out: unknown;
  try {
    const templates = parseCached(liquid, source);
    out = await liquid.render(templates, context, { renderLimit: RENDER_LIMIT_MS, memoryLimit: MEMORY_LIMIT });
  } catch (err) {
    throw toTemplateRenderError(err);
  }
  const markup = String(out);
  if (markup.length > MAX_OUTPUT_CHARS)
    throw new TemplateRenderError(
      'output_limit',
      `The template produced ${markup.length.toLocaleString('en-US')} characters; a document may be at most ${MAX_OUTPUT_CHARS.toLocaleString('en-US')}. Look for a loop that repeats text too many times.`,
    );
  return markup;
}
