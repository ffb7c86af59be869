import { z } from 'zod';
import type { FieldProblem } from '../core/errors';

/** RFC 9457 problem details, the only error shape the API returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: (FieldProblem & { in?: string })[];
}

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Cannot be processed',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

export function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `/docs/problems#${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

interface ValidationItem {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const locations: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/** Turns schema validation output into one named problem per bad field. */
export function fieldProblems(items: ValidationItem[], context: string | undefined): NonNullable<Problem['errors']> {
  const where = locations[context ?? 'body'] ?? 'body';
  return items.flatMap((item) => {
    const base = item.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (item.keyword === 'unrecognized_keys' && Array.isArray(item.params?.keys)) {
      return (item.params.keys as string[]).map((k) => ({
        field: base ? `${base}.${k}` : k,
        message: 'is not a known field',
        in: where,
      }));
    }
    return [{ field: base || '(root)', message: item.message ?? 'is not valid', in: where }];
  });
}

/** The problem+json shape as a schema, so every route documents its errors in OpenAPI. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. validation_failed, conflict, not_found'),
    errors: z
      .array(z.object({ field: z.string().describe('Dotted path, e.g. terms.compensation.baseSalaryCents'), message: z.string(), in: z.string().optional() }))
      .optional(),
  })
  .describe('RFC 9457 problem details (served as application/problem+json)');
