import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const fieldSchema = z.object({
  path: z.string(),
  type: z.enum(['text', 'money', 'date', 'number', 'percent', 'boolean', 'list']),
  label: z.string(),
  description: z.string(),
  example: z.string(),
});
const templateFieldsSchema = z.object({ builtIn: z.array(fieldSchema), custom: z.array(fieldSchema) });

export type TemplateFields = z.infer<typeof templateFieldsSchema>;

/** The merge fields templates may use: the built-in catalogue and the organisation's custom fields (custom.<key>). */
export const fetchTemplateFields = () => apiRequest('/template-fields', { schema: templateFieldsSchema });

export function useTemplateFields() {
  return useQuery({ queryKey: ['template-fields'], queryFn: fetchTemplateFields, staleTime: 60_000 });
}
