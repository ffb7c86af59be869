import { readFileSync } from 'node:fs';

// USER_HZ, the unit of /proc/<pid>/stat times, is fixed at 100 in the Linux ABI on x86 and arm.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) the process has used so far; null when unreadable. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
