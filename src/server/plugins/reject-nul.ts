import type { FastifyInstance } from 'fastify';
import { InvalidRequestError, type FieldProblem } from '../../core/errors';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_REPORTED = 10;

/**
 * Text the database cannot store as sent is refused before validation, naming
 * the field, on every route:
 * - PostgreSQL text and jsonb cannot hold the NUL character; a value carrying
 *   one failed deep inside a query as a 500.
 * - JSON may escape half of a UTF-16 surrogate pair ("\ud800"), which is not
 *   Unicode text. PostgreSQL silently stored it as U+FFFD; the embedded engine
 *   failed the whole query (a 500). Either way the value was not what was sent.
 */
export function registerNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const problems = [...badTextFields(req.body), ...badTextFields(req.query)].slice(0, MAX_REPORTED);
    if (problems.length) throw new InvalidRequestError('Text may not contain the NUL character (\\u0000) or half of a surrogate pair (\\ud800-\\udfff).', problems);
  });
}

function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'half of a surrogate pair (\\ud800-\\udfff), which is not valid Unicode';
  return null;
}

/** Walks a parsed body or query without recursion, so deep nesting cannot overflow the stack. */
function badTextFields(root: unknown): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length && found.length < MAX_REPORTED) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) found.push({ field: path || '(root)', message: `must not contain ${problem}` });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const problem = textProblem(key);
        if (problem) found.push({ field: childPath, message: `is a key with ${problem}` });
        stack.push([child, childPath]);
      }
    }
  }
  return found;
}
