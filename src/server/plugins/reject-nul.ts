import type { FastifyInstance } from 'fastify';
import { InvalidRequestError, type FieldProblem } from '../../core/errors';

const NUL = '\u0000';
const MAX_REPORTED = 10;

/**
 * PostgreSQL text and jsonb cannot hold the NUL character, so a value carrying
 * one failed deep inside a query as a 500. Refuse it before validation, naming
 * the field, on every route.
 */
export function registerNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const problems = [...fieldsWithNul(req.body), ...fieldsWithNul(req.query)].slice(0, MAX_REPORTED);
    if (problems.length) throw new InvalidRequestError('Text may not contain the NUL character (\\u0000).', problems);
  });
}

/** Walks a parsed body or query without recursion, so deep nesting cannot overflow the stack. */
function fieldsWithNul(root: unknown): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length && found.length < MAX_REPORTED) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push({ field: path || '(root)', message: 'must not contain the NUL character (\\u0000)' });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) found.push({ field: childPath, message: 'is a key with the NUL character (\\u0000)' });
        stack.push([child, childPath]);
      }
    }
  }
  return found;
}
