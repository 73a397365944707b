/**
 * The load generator of `bench/heartbeat.ts`, run as a child process (so it does not compete with the server's event
 * loop): `tsx bench/heartbeat-load.ts <spec.json>` sends the spec's beats at a fixed rate and writes what it measured
 * and every answer to `spec.out`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { Heartbeat } from '../src/domain/study-time';

export interface Target {
  sessionId: number;
  cookie: string;
}
export interface LoadSpec {
  base: string;
  mode: 'bare' | 'heartbeat';
  rate: number;
  seconds: number;
  /** Sent at the same rate before the measured seconds (JIT, connection pool, prepared statements), not measured. */
  warmupSeconds: number;
  targets: Target[];
  out: string;
}
export interface BeatRecord {
  target: number;
  beat: Heartbeat;
  status: number;
  accepted: boolean;
  creditSeconds: number;
  serverTime: number;
}

// ---------------------------------------------------------------- the load generator (child process)

export async function generateLoad(spec: LoadSpec): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(spec.base);
  // latencies of the requests sent after the warm-up, with the second of the run they were sent in
  const latencies: number[] = [];
  const perSecond: number[][] = [];
  const warmupMs = spec.warmupSeconds * 1000;
  const answered = (t0: number) => {
    const ms = performance.now() - t0;
    all += 1;
    if (t0 - start < warmupMs) return;
    latencies.push(ms);
    const second = Math.floor((t0 - start - warmupMs) / 1000);
    (perSecond[second] ??= []).push(ms);
  };
  const records: BeatRecord[] = [];
  const seq = spec.targets.map(() => 0);
  const inFlight = spec.targets.map(() => false);
  const start = performance.now();
  let sent = 0;
  let all = 0;
  let skipped = 0;
  let errors = 0;
  let next = 0;
  let pending = 0;
  const fire = () => {
    if (spec.mode === 'bare') {
      const t0 = performance.now();
      pending += 1;
      const req = http.request({ agent, host: url.hostname, port: url.port, path: '/bench/bare', method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => {
          answered(t0);
          if (res.statusCode !== 200) errors += 1;
          pending -= 1;
        });
      });
      req.on('error', () => {
        errors += 1;
        pending -= 1;
      });
      req.end();
      return;
    }
    // the next officer whose previous beat has been answered
    let i = -1;
    for (let k = 0; k < spec.targets.length; k++) {
      const c = (next + k) % spec.targets.length;
      if (!inFlight[c]) {
        i = c;
        break;
      }
    }
    next = (next + 1) % spec.targets.length;
    if (i < 0) {
      if (performance.now() - start >= warmupMs) skipped += 1;
      return;
    }
    const target = spec.targets[i] as Target;
    const roll = Math.random();
    // 3% replay the previous sequence number; 5% hidden tab; 5% paused; the rest playing and visible
    const replay = roll < 0.03 && (seq[i] ?? 0) > 0;
    if (!replay) seq[i] = (seq[i] ?? 0) + 1;
    const elapsed = (performance.now() - start) / 1000;
    const beat: Heartbeat = {
      seq: seq[i] ?? 1,
      position: Math.round(Math.min(elapsed, 3600) * 10) / 10,
      visible: !(roll >= 0.03 && roll < 0.08),
      active: !(roll >= 0.08 && roll < 0.13),
    };
    const body = JSON.stringify(beat);
    inFlight[i] = true;
    pending += 1;
    const t0 = performance.now();
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `/api/study/sessions/${target.sessionId}/heartbeats`,
        method: 'POST',
        headers: { cookie: target.cookie, 'content-type': 'application/json', 'x-requested-with': 'bench', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          answered(t0);
          inFlight[i] = false;
          pending -= 1;
          if (res.statusCode !== 200) {
            errors += 1;
            records.push({ target: i, beat, status: res.statusCode ?? 0, accepted: false, creditSeconds: 0, serverTime: 0 });
            return;
          }
          const r = JSON.parse(Buffer.concat(chunks).toString()) as { accepted: boolean; creditSeconds: number; serverTime: number };
          records.push({ target: i, beat, status: 200, accepted: r.accepted, creditSeconds: r.creditSeconds, serverTime: r.serverTime });
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      inFlight[i] = false;
      pending -= 1;
    });
    req.end(body);
  };
  // a fixed-rate schedule: every tick sends what the clock says is due
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - start >= warmupMs + spec.seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(((now - start) / 1000) * spec.rate);
      while (sent < due) {
        fire();
        sent += 1;
      }
    }, 2);
  });
  const elapsed = (performance.now() - start - warmupMs) / 1000;
  while (pending > 0) await new Promise((r) => setTimeout(r, 20));
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  latencies.sort((a, b) => a - b);
  const p99BySecond = perSecond.map((ls) =>
    Math.round(
      pct(
        ls.sort((a, b) => a - b),
        0.99,
      ),
    ),
  );
  const cpu = process.cpuUsage();
  fs.writeFileSync(
    spec.out,
    JSON.stringify({
      sent,
      completed: latencies.length,
      completedAll: all,
      skipped,
      errors,
      elapsed,
      p50: pct(latencies, 0.5),
      p99: pct(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
      p99BySecond,
      generatorCpuMs: (cpu.user + cpu.system) / 1000,
      records,
    }),
  );
  agent.destroy();
}

export interface LoadResult {
  sent: number;
  /** Answered requests sent after the warm-up (the measured ones) and in all. */
  completed: number;
  completedAll: number;
  skipped: number;
  errors: number;
  elapsed: number;
  p50: number;
  p99: number;
  max: number;
  p99BySecond: number[];
  generatorCpuMs: number;
  records: BeatRecord[];
}

const specFile = process.argv[2];
if (specFile) {
  await generateLoad(JSON.parse(fs.readFileSync(specFile, 'utf8')) as LoadSpec);
  process.exit(0);
}
