import type { LightMyRequestResponse as Response } from 'fastify';
import { expect } from 'vitest';
import type { Problem } from '../../src/server/problem';

/**
 * Asserts an RFC 9457 problem response: the status, the media type, the
 * required members, and (when given) the stable code and the named fields.
 */
export function expectProblem(res: Response, status: number, expected: { code?: string; fields?: string[] } = {}): Problem {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Problem;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code: expect.any(String) });
  expect(body.detail.length).toBeGreaterThan(0);
  if (expected.code) expect(body.code).toBe(expected.code);
  if (expected.fields) {
    const named = (body.errors ?? []).map((e) => e.field);
    for (const field of expected.fields) expect(named, `errors[] should name ${field}: ${res.body.slice(0, 500)}`).toContain(field);
  }
  return body;
}
