import { z } from 'zod';
import { ApiProblem, apiRequest } from '../../../lib/api-client';
import { t } from '../../../i18n/t';

export const importKinds = ['requisitions', 'candidates', 'comp_bands'] as const;
export type ImportKind = (typeof importKinds)[number];

const runSchema = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  filename: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['checking', 'writing', 'finished']),
  totalRows: z.number(),
  processedRows: z.number(),
  writtenRows: z.number(),
  goodRows: z.number(),
  badRows: z.number(),
  imported: z.boolean(),
  problems: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  problemsTruncated: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof runSchema>;

/** Starts an import in the background (the body is the file as text/csv); the answer is the running run. */
export async function startImport(kind: ImportKind, file: File, dryRun: boolean): Promise<ImportRun> {
  const query = new URLSearchParams({ dryRun: String(dryRun), wait: 'false', filename: file.name.slice(0, 255) || 'upload.csv' });
  let res: Response;
  try {
    res = await fetch(`/api/v1/imports/${kind}?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv', 'X-Requested-With': 'offerline' },
      body: await file.text(),
    });
  } catch {
    throw new ApiProblem(0, 'network', t('error.pageTitle'), t('error.network'));
  }
  const raw: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const p = (raw ?? {}) as { code?: string; title?: string; detail?: string };
    throw new ApiProblem(res.status, p.code ?? `http_${res.status}`, p.title ?? t('error.pageTitle'), p.detail ?? t('error.unexpected'));
  }
  return runSchema.parse(raw);
}

export const fetchImport = (id: string, signal?: AbortSignal) => apiRequest(`/imports/${id}`, { schema: runSchema, signal });

/** Share of the work done: checking every row, then (an import without bad rows) writing them. */
export function progressOf(run: ImportRun): number {
  if (run.status !== 'running') return 100;
  if (run.totalRows === 0) return 0;
  const writes = run.dryRun ? 0 : run.totalRows;
  const done = run.processedRows + (run.phase === 'writing' ? run.writtenRows : 0);
  return Math.min(100, Math.round((done / (run.totalRows + writes)) * 100));
}
