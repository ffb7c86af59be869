import { readFileSync } from 'node:fs';

export interface RssReading {
  rssMb: number;
  /** The kernel's high-water mark of RSS for the whole process lifetime; catches spikes between samples. */
  hwmMb: number;
}

/** Reads the server's resident memory from /proc, which is what the machine actually pays. */
export function readRss(pid: number): RssReading | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // process gone, or not Linux
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
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
    last: (): RssReading | null => (tick(), last),
    stop: () => clearInterval(timer),
  };
}
