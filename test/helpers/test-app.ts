import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/core/clock';
import type { Database } from '../../src/db/client';
import { buildApp, type AppOptions } from '../../src/server/app';
import { createTestDatabase } from './test-database';
import { createLocalObjectStore } from '../../src/storage/local-object-store';

export const TEST_NOW = new Date('2027-03-01T15:00:00.000Z');

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** One app on one fresh database, with a clock the test controls. */
export async function createTestApp(options: Partial<Omit<AppOptions, 'database' | 'clock'>> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(TEST_NOW);
  const objectsDir = mkdtempSync(join(tmpdir(), 'offerline-objects-'));
  const app = await buildApp({ objectStore: createLocalObjectStore(objectsDir), ...options, database, clock });
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
      rmSync(objectsDir, { recursive: true, force: true });
    },
  };
}
