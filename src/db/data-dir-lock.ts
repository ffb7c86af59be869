import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/errors';

/**
 * The embedded engine has no multi-process lock of its own: two processes on
 * one folder silently lose writes. We take an exclusive lock file and refuse a
 * second process with a message naming the holder. A lock left by a process
 * that has died is taken over.
 */
export class DataDirLockedError extends AppError {
  constructor(dir: string, holder: LockHolder) {
    super(
      'data_dir_locked',
      503,
      `The data folder ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ` +
        'Stop that process, or point DATA_DIR at another folder, or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
  }
}

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'offerline.lock');
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(path);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dir, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot check another machine: assume it lives
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
