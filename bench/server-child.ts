import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serverBuildOptions } from '../scripts/build-server';
import { deferCleanup } from './cleanup';
import { sampleChildren } from './proc';
import type { ChildMessage, ChildTask, DatabaseTarget, ParentMessage, PreparedData, ReadyMessage, ServerMemory } from './protocol';
import type { FirstStartMemory } from './results';

/**
 * How the server process runs: `bundle` as `npm start` does (our code bundled
 * with esbuild, run on plain node with the flags in package.json's start
 * script), or `tsx` (a what-if: the sources through the TypeScript loader, as
 * bin/offerline.js and the tests run them).
 */
export type ServerRuntime = 'bundle' | 'tsx';

export interface Launch {
  runtime: ServerRuntime;
  entry: string;
  execArgv: string[];
  /** Removes the bundle, if one was built. */
  remove(): Promise<void>;
}

const source = fileURLToPath(new URL('./server-process.ts', import.meta.url));
// Inside the repository, like dist/server/, so the bundle finds packages in node_modules
// and the product finds its package root (migrations, the initdb script) from it.
const buildDir = fileURLToPath(new URL('./.build/', import.meta.url));

/** Node flags `npm start` passes before the bundle, e.g. ['--max-semi-space-size=2']; read so the bench cannot drift from it. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const start = pkg.scripts.start ?? '';
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/server\/offerline\.mjs\b/.exec(start);
  if (!m) throw new Error(`Cannot find "node [flags] dist/server/offerline.mjs" in package.json's start script: "${start}"`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

export async function launchFor(runtime: ServerRuntime): Promise<Launch> {
  if (runtime === 'tsx') return { runtime, entry: source, execArgv: ['--import', 'tsx'], remove: async () => {} };
  const esbuild = await import('esbuild');
  const remove = deferCleanup(() => rm(buildDir, { recursive: true, force: true }));
  const outfile = `${buildDir}server-process.mjs`;
  // The product's build options; only the entry point differs (the bench server instead of the CLI).
  await esbuild.build({ ...serverBuildOptions, entryPoints: [source], outfile });
  return { runtime, entry: outfile, execArgv: startFlags(), remove };
}

type Reply<T extends ChildMessage['type']> = Extract<ChildMessage, { type: T }>;

/** Runs bench/server-process.ts in its own Node process. */
function spawn(task: ChildTask, launch: Launch): ChildProcess {
  return fork(launch.entry, [JSON.stringify(task)], { execArgv: launch.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function waitFor<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: ChildMessage) => {
      if (msg.type === 'failed') reject(new Error(`bench server failed:\n${msg.error}`));
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('disconnect', onGone);
      resolve(msg as Reply<T>);
    };
    // 'disconnect', not 'exit': every message sent before the channel closed has been delivered by then.
    const onGone = () => reject(new Error(`bench server went away before sending "${type}"`));
    child.on('message', onMessage);
    child.once('disconnect', onGone);
  });
}

export interface Prepared {
  prepared: PreparedData;
  /** The prepare process's own clock at the end: open (initdb on an empty folder), migrate, seed, sign in. */
  ms: number;
  memory: FirstStartMemory;
}

/**
 * A first start: a short-lived process, run the same way as the server, opens
 * the empty database through the product's own path (on the embedded engine
 * that runs initdb in a child process), migrates, seeds the bench organisation,
 * signs in and exits.
 */
export async function prepareDatabase(target: DatabaseTarget, launch: Launch): Promise<Prepared> {
  const child = spawn({ mode: 'prepare', target }, launch);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const children = sampleChildren(child.pid!);
  try {
    const reply = await waitFor(child, 'prepared');
    const seen = children.stop();
    return { prepared: reply.prepared, ms: reply.ms, memory: { serverPeakRssMb: reply.peakRssMb, ...seen } };
  } finally {
    children.stop();
    await exited;
  }
}

export interface ServerChild {
  pid: number;
  ready: ReadyMessage;
  memory(): Promise<ServerMemory>;
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** Asks the server to close; kills it if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export async function startServer(target: DatabaseTarget, prepared: PreparedData, launch: Launch): Promise<ServerChild> {
  const child = spawn({ mode: 'serve', target, prepared }, launch);
  const stop = () => stopChild(child);
  const ready = await waitFor(child, 'ready').catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return {
    pid: child.pid!,
    ready,
    memory: async () => (await ask(child, { type: 'memory' }, 'memory')).memory,
    startProfile: async () => void (await ask(child, { type: 'profile-start' }, 'profiling')),
    stopProfile: async (file) => void (await ask(child, { type: 'profile-stop', file }, 'profiled')),
    stop,
  };
}

async function ask<T extends ChildMessage['type']>(child: ChildProcess, msg: ParentMessage, reply: T): Promise<Reply<T>> {
  const answer = waitFor(child, reply);
  child.send(msg);
  return answer;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
