import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import type { Database } from '../../src/db/client';
import { createTestDatabase } from '../helpers/test-database';

let app: FastifyInstance;
let database: Database;
const webRoot = mkdtempSync(join(tmpdir(), 'offerline-web-'));

beforeAll(async () => {
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Offerline</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1.js'), 'console.log(1)');
  database = await createTestDatabase();
  app = await buildApp({ database, webRoot });
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(webRoot, { recursive: true, force: true });
});

it('serves the web app, client routes as index.html, and real 404s for missing files and API paths', async () => {
  expect((await app.inject('/')).body).toContain('<title>Offerline</title>');
  const clientRoute = await app.inject('/offers/8b6b7f52-3b2a-4a59-9d4e-5a3d1f0e2c11');
  expect(clientRoute.statusCode).toBe(200);
  expect(clientRoute.headers['content-type']).toContain('text/html');
  expect((await app.inject('/assets/app-1.js')).body).toBe('console.log(1)');
  const staleAsset = await app.inject('/assets/app-0.js');
  expect(staleAsset.statusCode).toBe(404);
  expect(staleAsset.headers['content-type']).toContain('application/problem+json');
  const api = await app.inject('/api/nothing-here');
  expect(api.statusCode).toBe(404);
  expect(api.json()).toMatchObject({ code: 'not_found' });
});
