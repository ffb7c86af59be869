import { execFileSync } from 'node:child_process';

export interface Revision {
  commit: string;
  /** Uncommitted changes under src/ at run time: the numbers then belong to no commit exactly. */
  srcDirty: boolean;
}

/** Which code was measured, so a result can be traced back (and a baseline compared honestly). */
export function readRevision(): Revision {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), srcDirty: git('status', '--porcelain', '--', 'src').length > 0 };
  } catch {
    return { commit: 'unknown', srcDirty: false };
  }
}
