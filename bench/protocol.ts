/** Messages between the bench runner (parent) and the server processes (children), over Node IPC. */

export type BenchEngine = 'embedded' | 'postgres';

/** Where the child's database is; the parent creates it fresh and removes it at the end. */
export type DatabaseTarget =
  /** pgliteConf: postgresql.conf lines a what-if run adds after the product's own; empty means as shipped. */
  | { engine: 'embedded'; dataDir: string; pgliteConf: string[] }
  | { engine: 'postgres'; url: string };

/** What the prepare step leaves behind for the server: a signed-in recruiter in a seeded organisation. */
export interface PreparedData {
  orgId: string;
  /** What the web app sends with each write for the signed-in recruiter: the session cookie and the CSRF header. */
  authHeaders: Record<string, string>;
  /** JSON body for POST /api/v1/offers; the bare route takes the same body. */
  createBody: string;
}

/**
 * `prepare` is a first start: it opens the empty database the product's way,
 * migrates, adds the bench table, fixture and session, and exits. `serve`
 * reopens it and listens, as a restarted production server would.
 */
export type ChildTask = { mode: 'prepare'; target: DatabaseTarget } | { mode: 'serve'; target: DatabaseTarget; prepared: PreparedData };

export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** Server version string, so results say which database produced them. */
  databaseVersion: string;
  /** shared_buffers as the database reports it (the product sets it on the embedded engine). */
  sharedBuffers: string;
  /** Statements sent to the database per request, counted on PostgreSQL only (same SQL on both engines). */
  queriesPerRequest: { create: number; submit: number; bare: number } | null;
  startMs: number;
}

/** The server's own view of its memory, to split RSS into JS heap, WASM memory and the rest. */
export interface ServerMemory {
  usage: NodeJS.MemoryUsage;
  /** V8 heap pages actually resident (heapTotal is only reserved). */
  heapPhysicalBytes: number;
  /** PGlite's WebAssembly linear memory (embedded engine only); PostgreSQL's shared_buffers live in it. */
  wasmMemoryBytes: number | null;
}

export type ChildMessage =
  /** peakRssMb: VmHWM of the prepare process, i.e. what a first start on an empty folder costs. */
  | { type: 'prepared'; prepared: PreparedData; ms: number; peakRssMb: number }
  | ReadyMessage
  | { type: 'memory'; memory: ServerMemory }
  | { type: 'profiling' }
  | { type: 'profiled' }
  | { type: 'failed'; error: string };

export type ParentMessage =
  | { type: 'memory' }
  | { type: 'stop' }
  /** CPU profile of the main thread between start and stop, written to `file`. */
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };
