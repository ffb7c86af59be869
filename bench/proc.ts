/** What the bench reads about a process from Linux's /proc: memory, CPU time, child processes. */
import { readdirSync, readFileSync } from 'node:fs';

export interface RssReading {
  rssMb: number;
  /** The kernel's high-water mark of RSS for the whole process lifetime; catches spikes between samples. */
  hwmMb: number;
}

/** Resident memory, which is what the machine actually pays; null when the process is gone (or not Linux). */
export function readRss(pid: number): RssReading | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const rssMb = kb('VmRSS') / 1024;
  const hwmMb = kb('VmHWM') / 1024;
  // A process that has exited but not yet been reaped (a zombie) has no memory lines.
  return Number.isFinite(rssMb) && Number.isFinite(hwmMb) ? { rssMb, hwmMb } : null;
}

/**
 * Parts of a process's RSS that /proc can attribute: pages mapped from files
 * (the node binary and shared libraries: RssFile), and the resident part of
 * one anonymous mapping of exactly `mappingBytes` (PGlite's WebAssembly memory,
 * whose size the process reports; V8 maps it on its own). Null where unreadable
 * or when no single mapping has that size.
 */
export function readResidentParts(pid: number, mappingBytes: number | null): { fileBackedMb: number | null; mappingResidentMb: number | null } {
  let status: string;
  let smaps: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
    smaps = mappingBytes === null ? '' : readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return { fileBackedMb: null, mappingResidentMb: null };
  }
  const file = Number(/^RssFile:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
  const matches: number[] = [];
  // Each mapping: a header line "start-end perms offset dev inode [path]", then "Key: value kB" lines.
  for (const block of smaps.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) rw-p \S+ \S+ 0\s*$/m.exec(block.slice(0, block.indexOf('\n')));
    if (!head || parseInt(head[2]!, 16) - parseInt(head[1]!, 16) !== mappingBytes) continue;
    matches.push(Number(/^Rss:\s+(\d+) kB/m.exec(block)?.[1] ?? NaN) / 1024);
  }
  return { fileBackedMb: Number.isFinite(file) ? file : null, mappingResidentMb: matches.length === 1 ? matches[0]! : null };
}

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

/** Every live descendant of `pid` (children, their children...). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (p: number) => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(' ').filter(Boolean).map(Number)) {
        found.push(c);
        visit(c);
      }
    }
  };
  visit(pid);
  return found;
}

/** Samples every 100 ms and keeps the peak VmRSS seen since the last `takePeak()`. */
export function sampleRss(pid: number, everyMs = 100) {
  let peakRss = 0;
  let last: RssReading | null = null;
  const tick = () => {
    const r = readRss(pid);
    if (!r) return;
    last = r;
    peakRss = Math.max(peakRss, r.rssMb);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    /** Peak sampled RSS since the previous call, then starts a new window. */
    takePeak(): number {
      tick();
      const p = peakRss;
      peakRss = last?.rssMb ?? 0;
      return p;
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Watches the child processes of `pid` (e.g. the one that runs PGlite's initdb),
 * which the process itself cannot measure once they have exited: their highest
 * VmHWM seen, and the highest sampled RSS of the process and its children together.
 */
export function sampleChildren(pid: number, everyMs = 50) {
  let childPeakMb: number | null = null;
  let togetherPeakMb = 0;
  const tick = () => {
    const own = readRss(pid);
    if (!own) return;
    let together = own.rssMb;
    for (const child of descendants(pid)) {
      const r = readRss(child);
      if (!r) continue;
      together += r.rssMb;
      childPeakMb = Math.max(childPeakMb ?? 0, r.hwmMb);
    }
    togetherPeakMb = Math.max(togetherPeakMb, together);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop(): { childPeakRssMb: number | null; togetherPeakRssMb: number } {
      clearInterval(timer);
      return { childPeakRssMb: childPeakMb, togetherPeakRssMb: togetherPeakMb };
    },
  };
}
