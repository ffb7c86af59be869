import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export const templateKinds = ['letter', 'addendum', 'notice'] as const;
export type TemplateKind = (typeof templateKinds)[number];

const summarySchema = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(templateKinds),
  format: z.enum(['liquid', 'docx']),
  version: z.number(),
  fields: z.array(z.string()),
  updatedAt: z.string(),
});
const templateSchema = summarySchema.omit({ updatedAt: true }).extend({
  source: z.string().nullable(),
  versions: z.array(z.object({ number: z.number(), createdAt: z.string() })),
});
const previewSchema = z.object({ html: z.string() });

export type TemplateSummary = z.infer<typeof summarySchema>;
export type Template = z.infer<typeof templateSchema>;
export interface TemplateDraft {
  name: string;
  kind: TemplateKind;
  source: string;
}

export const templatesKey = ['templates'] as const;

export const fetchTemplates = () => apiRequest('/templates', { schema: z.array(summarySchema) });
export const fetchTemplate = (key: string) => apiRequest(`/templates/${encodeURIComponent(key)}`, { schema: templateSchema });
export const saveTemplate = (key: string, draft: TemplateDraft) =>
  apiRequest(`/templates/${encodeURIComponent(key)}`, { method: 'PUT', body: draft, schema: templateSchema });
export const previewTemplate = (input: TemplateDraft & { offerId: string }, signal?: AbortSignal) =>
  apiRequest('/templates/preview', { method: 'POST', body: input, schema: previewSchema, signal });

export function useTemplates() {
  return useQuery({ queryKey: templatesKey, queryFn: fetchTemplates });
}

export function useTemplate(key: string | null) {
  return useQuery({ queryKey: [...templatesKey, key], queryFn: () => fetchTemplate(key!), enabled: !!key });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { key: string; draft: TemplateDraft }) => saveTemplate(v.key, v.draft),
    onSuccess: (saved) => {
      qc.setQueryData([...templatesKey, saved.key], saved);
      void qc.invalidateQueries({ queryKey: templatesKey, exact: true });
    },
  });
}

/** The editor's text filled for one offer; a new query per text, so the latest answer always wins. */
export function useTemplatePreview(input: (TemplateDraft & { offerId: string }) | null) {
  return useQuery({
    queryKey: [...templatesKey, 'preview', input],
    queryFn: ({ signal }) => previewTemplate(input!, signal),
    enabled: !!input && input.source.trim() !== '' && input.name.trim() !== '',
    retry: false,
    staleTime: 60_000,
  });
}

/** "line 3, column 14: unknown field offer.basesalary" → its position and the rest, for a link to the line. */
export function splitPosition(message: string): { line: number; column: number; text: string } | null {
  const m = /^line (\d+), column (\d+):\s*(.*)$/s.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]), text: m[3]! } : null;
}
