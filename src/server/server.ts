import type { FastifyInstance } from 'fastify';
import { systemClock } from '../core/clock';
import { openDatabase, type Database } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { buildApp } from './app';
import { generateMissingSealCertificates } from '../flow/signing/signing.module';
import { openObjectStore } from '../storage/open-object-store';
import { logRedactPaths, requestLogSerializers } from './log-serializers';
import type { ServerConfig } from './config';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, optionally seeds, and listens. */
export async function startServer(config: ServerConfig, opts: { seedDemo?: boolean } = {}): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    const objectStore = await openObjectStore(config);
    const app = await buildApp({
      database,
      webRoot: config.webRoot,
      trustProxy: config.trustProxy,
      corsOrigins: config.corsOrigins,
      oidc: config.oidc,
      mail: config.mail,
      publicUrl: config.publicUrl,
      objectStore,
      metricsToken: config.metricsToken,
      logger: {
        level: config.logLevel,
        redact: logRedactPaths,
        serializers: requestLogSerializers,
      },
    });
    if (opts.seedDemo) {
      const seeded = await seedDemo(database, systemClock, objectStore);
      if (seeded.created) app.log.info(`Seeded the demo organisation "${seeded.organization}"`);
      printSignIns(seeded.signIns);
    }
    await generateMissingSealCertificates(app, database.db, systemClock);
    await app.listen({ port: config.port, host: config.host });
    app.jobs.start(config.jobPollMs);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
    let stopped = false;
    return {
      app,
      database,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function printSignIns(signIns: { email: string; role: string }[]) {
  const lines = signIns.map((s) => `    ${s.email.padEnd(30)} ${s.role}`);
  process.stdout.write(`\nDemo sign-ins (password: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
}
