import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { csrfHeader } from './factories';

/** A single select whose option labels differ from their values, so a test can tell which one it sees. */
export const costCenterField = {
  key: 'cost_center',
  label: 'Cost center',
  type: 'single_select',
  options: [
    { value: 'CC-100', label: 'Platform Engineering' },
    { value: 'CC-200', label: 'Data Science' },
  ],
};

/** A field treated like pay: only roles that read base pay read it. */
export const retentionBonusField = { key: 'retention_bonus', label: 'Retention bonus', type: 'money', sensitive: true };

/** Defines a custom field as the organisation's admin (the cookie's) and fails the test unless it was created. */
export async function defineField(app: FastifyInstance, adminCookie: string, definition: Record<string, unknown>): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/admin/fields', headers: { cookie: adminCookie, ...csrfHeader }, payload: definition });
  expect(res.statusCode, res.body).toBe(201);
}
