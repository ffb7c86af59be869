import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { templateDatabaseName, withDatabaseName } from './pg-names';

/**
 * Migrate once per run, then every test file starts from a copy: a dump of a
 * migrated embedded database, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const engine = project.config.env?.OFFERLINE_TEST_ENGINE ?? 'embedded';
  if (engine === 'embedded') {
    const database = await openDatabase({ engine: 'embedded-memory' });
    await migrateDatabase(database);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    const dir = join(process.cwd(), '.test-results');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', path);
    return () => rmSync(path, { force: true });
  }
  const url = process.env.DATABASE_URL!;
  const template = templateDatabaseName();
  const admin = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${template}`);
  await admin.exec(`CREATE DATABASE ${template}`);
  const tpl = await openDatabase({ engine: 'postgres', url: withDatabaseName(url, template), poolSize: 1 });
  await migrateDatabase(tpl);
  await tpl.close();
  project.provide('pgTemplate', template);
  return async () => {
    await admin.exec(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
