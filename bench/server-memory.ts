import { getHeapStatistics } from 'node:v8';
import type { Database } from '../src/db/client';
import type { ServerMemory } from './protocol';

export function serverMemory(database: Database): ServerMemory {
  // `mod` is PGlite's Emscripten module; not in its types, but the only way to see the WASM heap size.
  const mod = (database.pglite as unknown as { mod?: { HEAPU8: Uint8Array } } | undefined)?.mod;
  return {
    usage: process.memoryUsage(),
    heapPhysicalBytes: getHeapStatistics().total_physical_size,
    wasmMemoryBytes: mod ? mod.HEAPU8.buffer.byteLength : null,
  };
}
