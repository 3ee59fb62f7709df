import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, ApiError, tokenFromHash } from '../src/api.ts';

test('tokenFromHash reads #token= and nothing else', () => {
  assert.equal(tokenFromHash('#token=abc123'), 'abc123');
  assert.equal(tokenFromHash('#step=x&token=abc'), 'abc');
  assert.equal(tokenFromHash(''), '');
  assert.equal(tokenFromHash('#tokenx=1'), '');
});

test('every call carries the token header, JSON only with a body, no cookies or referrer', async () => {
  const seen: { url: string; init: RequestInit }[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response('{"ok":true,"errors":[]}', { status: 200 });
  }) as unknown as typeof fetch;
  const api = new Api('t0k3n', 'http://127.0.0.1:1', fake);
  await api.get('/session');
  await api.post('/cluster', { name: 'a' });
  assert.equal(seen[0].url, 'http://127.0.0.1:1/api/session');
  assert.deepEqual(seen[0].init.headers, { 'X-Tectonic-Token': 't0k3n' });
  assert.equal(seen[0].init.body, undefined);
  assert.deepEqual(seen[1].init.headers, { 'X-Tectonic-Token': 't0k3n', 'Content-Type': 'application/json' });
  assert.equal(seen[1].init.body, '{"name":"a"}');
  for (const s of seen) {
    assert.equal(s.init.credentials, 'omit');
    assert.equal(s.init.referrerPolicy, 'no-referrer');
    assert.ok(!s.url.includes('t0k3n'), 'the token never goes in a URL');
  }
});

test('a refusal becomes an ApiError with the server words and what to do', async () => {
  const fake = (async () => new Response('{"error":"wrong token"}', { status: 403 })) as unknown as typeof fetch;
  const api = new Api('bad', '', fake);
  await assert.rejects(api.get('/session'), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 403);
    assert.match(e.message, /^wrong token \(open the URL that `tectonic gui` printed/);
    return true;
  });
  const down = new Api('t', '', (async () => {
    throw new TypeError('fetch failed');
  }) as unknown as typeof fetch);
  await assert.rejects(down.post('/install'), /does not answer/);
});
