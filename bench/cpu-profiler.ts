import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * Profiles the server's main thread for one load phase at a time. (`--cpu-prof`
 * covers the whole process life, start-up included, and writes tsx's loader
 * thread to a separate file; this gives one clean profile per scenario.)
 */
export function createCpuProfiler() {
  let session: Session | null = null;
  return {
    async start(): Promise<void> {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop(file: string): Promise<void> {
      if (!session) return;
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      session = null;
    },
  };
}
