// zod/mini here: this file is in the first download, and the mini build tree-shakes.
import * as z from 'zod/mini';
import { t } from '../i18n/t';

const fieldProblemSchema = z.object({ field: z.string(), message: z.string(), in: z.optional(z.string()) });
const problemSchema = z.object({
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  code: z.optional(z.string()),
  errors: z.optional(z.array(fieldProblemSchema)),
});

export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** An API failure as problem+json describes it; network failures use status 0. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** A stale write (If-Match no longer holds) or a state that moved on. */
  get isConflict() {
    return this.status === 409;
  }
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Validates the response; omit only for empty (204) responses. */
  schema?: z.core.$ZodType<T>;
  signal?: AbortSignal;
}

export const ifMatch = (rowVersion: number) => ({ 'If-Match': `"${rowVersion}"` });

export async function apiRequest<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, headers = {}, schema, signal } = options;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      // X-Requested-With: the server refuses cookie-authenticated writes without it (CSRF defence).
      headers: { Accept: 'application/json', 'X-Requested-With': 'offerline', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiProblem(0, 'network', t('error.pageTitle'), t('error.network'));
  }
  if (!res.ok) throw await readProblem(res);
  if (res.status === 204 || !schema) return undefined as T;
  const parsed = z.safeParse(schema, await res.json().catch(() => undefined));
  if (!parsed.success) {
    // A shape we do not expect is our bug, not the user's: log it, show a plain message.
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiProblem(res.status, 'unexpected_response', t('error.pageTitle'), t('error.unexpected'));
  }
  return parsed.data;
}

async function readProblem(res: Response): Promise<ApiProblem> {
  const raw: unknown = await res.json().catch(() => undefined);
  const p = z.safeParse(problemSchema, raw);
  const body = p.success ? p.data : {};
  return new ApiProblem(
    res.status,
    body.code ?? `http_${res.status}`,
    body.title ?? t('error.pageTitle'),
    body.detail ?? t('error.unexpected'),
    body.errors ?? [],
  );
}

export function isProblem(err: unknown, status?: number): err is ApiProblem {
  return err instanceof ApiProblem && (status === undefined || err.status === status);
}
