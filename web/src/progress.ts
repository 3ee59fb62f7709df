// What the install view shows, folded from the engine's events: each resource's state, the
// overall count, the log lines. Pure: the view renders it; the tests feed it events.

import type { EngineEvent } from './api.ts';

export type NodeStatus =
  | 'started'
  | 'created'
  | 'found'
  | 'waiting'
  | 'done'
  | 'failed'
  | 'retrying'
  | 'deleting'
  | 'deleted';

export interface NodeState {
  key: string;
  kind: string;
  status: NodeStatus;
  detail: string;
  startedAt: number; // ms since epoch (event time)
  elapsedMs: number; // the engine's own count, when it gave one
  attempt: number;
  finished: boolean;
}

const FINISHED: NodeStatus[] = ['done', 'deleted'];

export class Progress {
  readonly nodes = new Map<string, NodeState>();
  readonly log: string[] = [];
  total = 0;
  lastSeq = 0;
  operation = '';
  startedAt: number | null = null;
  finishedAt: number | null = null;
  private readonly phaseTotals = new Map<string, number>();

  /** Applies one event; replays of events already seen are ignored. */
  apply(e: EngineEvent): boolean {
    if (e.seq <= this.lastSeq) return false;
    this.lastSeq = e.seq;
    const t = Date.parse(e.time);
    this.log.push(formatLine(e));
    if (this.log.length > 2000) this.log.splice(0, this.log.length - 2000);
    if (e.type === 'phase_started') {
      if (!this.operation) this.operation = e.key ?? '';
      this.startedAt ??= t;
      this.phaseTotals.set(e.key ?? '', e.total ?? 0);
      this.total = [...this.phaseTotals.values()].reduce((a, b) => a + b, 0);
      return true;
    }
    if (e.type === 'phase_done' || e.type === 'summary') {
      if (e.type === 'summary') this.finishedAt = t;
      return true;
    }
    if (!e.key || !e.type.startsWith('node_')) return true;
    const status = e.type.slice(5) as NodeStatus;
    let n = this.nodes.get(e.key);
    if (!n) {
      n = { key: e.key, kind: e.kind ?? '', status, detail: '', startedAt: t, elapsedMs: 0, attempt: 0, finished: false };
      this.nodes.set(e.key, n);
    }
    if (e.kind) n.kind = e.kind;
    // A retried node starts over; a deleting one (destroy) also starts its own clock.
    if (status === 'started' || status === 'deleting') {
      if (n.finished || n.status === 'failed') n.startedAt = t;
    }
    n.status = status;
    if (e.detail) n.detail = e.detail;
    if (e.elapsed_ms) n.elapsedMs = e.elapsed_ms;
    if (e.attempt) n.attempt = e.attempt;
    n.finished = FINISHED.includes(status) || (status === 'found' && this.operation !== 'destroy');
    return true;
  }

  get finishedCount(): number {
    let n = 0;
    for (const s of this.nodes.values()) if (s.finished) n++;
    return n;
  }

  /** 0..1; never claims done before the total is known. */
  get fraction(): number {
    const total = Math.max(this.total, this.nodes.size);
    return total === 0 ? 0 : Math.min(1, this.finishedCount / total);
  }

  /** How long a node has been at it: the engine's count when finished, else the wall clock. */
  elapsedOf(n: NodeState, now: number): number {
    if (n.finished || n.status === 'failed') return n.elapsedMs || 0;
    return Math.max(n.elapsedMs, now - n.startedAt);
  }

  failed(): NodeState[] {
    return [...this.nodes.values()].filter((n) => n.status === 'failed');
  }
}

function shortMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60000)}m${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}s`;
}

/** One log line per event, like the CLI's plain output ("12:03:04 done vpc (ec2.vpc) [1.2s]"). */
export function formatLine(e: EngineEvent): string {
  const time = e.time.length >= 19 ? e.time.slice(11, 19) : e.time;
  let line = `${time} `;
  if (e.type === 'phase_started') line += `== ${e.key} started${e.total ? ` (${e.total} resources)` : ''}`;
  else if (e.type === 'phase_done') line += `== ${e.key} done`;
  else if (e.type === 'summary') line += 'summary';
  else line += `${e.type.replace(/^node_/, '').padEnd(9)} ${e.key ?? ''} (${e.kind ?? ''})${e.attempt ? ` attempt ${e.attempt}` : ''}`;
  if (e.detail) line += ` ${e.detail}`;
  if (e.elapsed_ms) line += ` [${shortMs(e.elapsed_ms)}]`;
  return line;
}
