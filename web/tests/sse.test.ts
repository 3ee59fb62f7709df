import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followStream, SseParser, type SseMessage } from '../src/sse.ts';

test('SseParser joins events split across chunks anywhere', () => {
  const text = 'id: 1\nevent: engine\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\nevent: phase\ndata: {"phase":"done"}\n\n';
  for (let cut = 0; cut <= text.length; cut++) {
    const p = new SseParser();
    const got = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))];
    assert.deepEqual(got, [
      { id: '1', event: 'engine', data: '{"a":1}' },
      { id: '2', event: 'phase', data: '{"phase":"done"}' },
    ]);
  }
});

test('SseParser handles CRLF, CR, multi-line data, comments and a default event name', () => {
  const p = new SseParser();
  const got = p.feed('data: a\r\ndata: b\r\n\r\n:comment\rdata:c\r\r\n');
  assert.deepEqual(got, [
    { id: null, event: 'message', data: 'a\nb' },
    { id: null, event: 'message', data: 'c' },
  ]);
  // A CR at the end of a chunk may be half of CRLF: no empty line is invented.
  const q = new SseParser();
  assert.deepEqual(q.feed('data: x\r'), []);
  assert.deepEqual(q.feed('\n\r\n'), [{ id: null, event: 'message', data: 'x' }]);
});

test('SseParser keeps the last id for events without one and ignores id-only blocks', () => {
  const p = new SseParser();
  const got = p.feed('id: 7\ndata: x\n\ndata: y\n\nid: 9\n\n');
  assert.deepEqual(got.map((m) => m.id), ['7', '7']);
  assert.equal(p.lastEventId, '9');
});

function streamOf(chunks: string[], fail = false): Response {
  const enc = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (i < chunks.length) ctrl.enqueue(enc.encode(chunks[i++]));
      else if (fail) ctrl.error(new Error('connection reset'));
      else ctrl.close();
    },
  });
  return new Response(body);
}

test('followStream reconnects after a drop with the last event id, missing nothing', async () => {
  const opened: (string | null)[] = [];
  const got: SseMessage[] = [];
  const abort = new AbortController();
  const connections: boolean[] = [];
  await followStream(
    {
      open: async (lastId) => {
        opened.push(lastId);
        if (opened.length === 1) return streamOf(['id: 1\ndata: one\n\nid: 2\nda'], true);
        if (opened.length === 2) throw new Error('refused');
        return streamOf(['id: 2\ndata: two\n\nid: 3\ndata: three\n\n']);
      },
      onMessage: (m) => {
        got.push(m);
        if (m.id === '3') abort.abort();
      },
      onConnection: (c) => connections.push(c),
      sleep: async () => {},
    },
    abort.signal,
  );
  assert.deepEqual(opened, [null, '1', '1']);
  assert.deepEqual(got.map((m) => m.data), ['one', 'two', 'three']);
  assert.deepEqual(connections, [true, false, false, true]);
});
