import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLine, Progress } from '../src/progress.ts';
import type { EngineEvent } from '../src/api.ts';

let seq = 0;
const ev = (type: string, extra: Partial<EngineEvent> = {}): EngineEvent => ({
  seq: ++seq,
  time: `2026-12-06T08:00:${String(seq).padStart(2, '0')}.000Z`,
  type,
  ...extra,
});

test('Progress counts finished resources against the phase total and ignores replays', () => {
  seq = 0;
  const p = new Progress();
  const events = [
    ev('phase_started', { key: 'create', total: 4 }),
    ev('node_started', { key: 'vpc', kind: 'ec2.vpc' }),
    ev('node_done', { key: 'vpc', kind: 'ec2.vpc', detail: 'vpc-1', elapsed_ms: 1200 }),
    ev('node_started', { key: 'nat', kind: 'ec2.nat' }),
    ev('node_waiting', { key: 'nat', kind: 'ec2.nat', detail: 'pending', elapsed_ms: 3000 }),
  ];
  for (const e of events) assert.equal(p.apply(e), true);
  for (const e of events) assert.equal(p.apply(e), false, 'a replayed event changes nothing');
  assert.equal(p.total, 4);
  assert.equal(p.finishedCount, 1);
  assert.equal(p.fraction, 0.25);
  assert.equal(p.nodes.get('nat')!.status, 'waiting');
  assert.equal(p.log.length, 5);
  assert.equal(p.elapsedOf(p.nodes.get('vpc')!, Date.parse('2026-12-06T09:00:00Z')), 1200);
});

test('Progress shows a failure, then the retry starts the node again', () => {
  seq = 0;
  const p = new Progress();
  p.apply(ev('phase_started', { key: 'create', total: 1 }));
  p.apply(ev('node_started', { key: 'asg', kind: 'autoscaling.group' }));
  p.apply(ev('node_failed', { key: 'asg', kind: 'autoscaling.group', detail: 'Need 1 healthy instance' }));
  assert.deepEqual(p.failed().map((n) => n.detail), ['Need 1 healthy instance']);
  p.apply(ev('node_started', { key: 'asg', kind: 'autoscaling.group' }));
  p.apply(ev('node_done', { key: 'asg', kind: 'autoscaling.group' }));
  assert.deepEqual(p.failed(), []);
  assert.equal(p.fraction, 1);
});

test('formatLine reads like the CLI plain output', () => {
  assert.equal(
    formatLine({ seq: 1, time: '2026-12-06T08:01:02.345Z', type: 'node_done', key: 'vpc', kind: 'ec2.vpc', detail: 'vpc-1', elapsed_ms: 1500 }),
    '08:01:02 done      vpc (ec2.vpc) vpc-1 [1.5s]',
  );
  assert.equal(formatLine({ seq: 2, time: '2026-12-06T08:01:02.345Z', type: 'phase_started', key: 'create', total: 12 }), '08:01:02 == create started (12 resources)');
});
