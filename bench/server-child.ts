import { fork, type ChildProcess } from 'node:child_process';
import { tsxLaunch, type Launch } from './server-runtime';
import type { ChildMessage, ChildTask, DatabaseTarget, ParentMessage, PreparedData, ReadyMessage, ServerMemory } from './protocol';

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

/**
 * Initialises the database in a short-lived process and returns what the server
 * needs. Always through tsx: migrations are found relative to src/db/migrate.ts.
 */
export async function prepareDatabase(target: DatabaseTarget): Promise<Reply<'prepared'>> {
  const child = spawn({ mode: 'prepare', target }, tsxLaunch);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    return await waitFor(child, 'prepared');
  } finally {
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
