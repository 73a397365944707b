/**
 * Real app nodes for the cluster test (`npm run test:cluster`): each is `node --import tsx src/server/main.ts`, its
 * own process on its own port, so the process id the test kills is the one in `jobs.locked_by` (`<pid>-<random>`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../testing/free-port';

export interface AppNode {
  name: string;
  port: number;
  base: string;
  pid: number;
  /** True once the process has exited (killed or otherwise). */
  exited: () => boolean;
  /** SIGKILL, as a power cut or an OOM kill would: nothing runs on the way out. */
  kill9: () => Promise<void>;
  /** SIGTERM and wait for the exit (the orderly shutdown), SIGKILL after `ms`. */
  stop: (ms?: number) => Promise<void>;
  /** The last lines the node logged (for a failure report). */
  tail: (lines?: number) => string;
}

/** Starts a node with `env` and waits (at most `timeoutMs`) until it answers /api/health with 200. */
export async function startNode(root: string, name: string, env: NodeJS.ProcessEnv, logDir: string, timeoutMs = 120_000): Promise<AppNode> {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let done = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      done = true;
      resolve();
    }),
  );
  const tail = (lines = 30) => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n') : '');
  const base = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (done) throw new Error(`node ${name} exited before serving:\n${tail()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node ${name} did not serve within ${timeoutMs / 1000} s:\n${tail()}`);
    }
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    port,
    base,
    pid: child.pid ?? -1,
    exited: () => done,
    kill9: async () => {
      child.kill('SIGKILL');
      await exit;
    },
    stop: async (ms = 15_000) => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exit;
      clearTimeout(timer);
    },
    tail,
  };
}
