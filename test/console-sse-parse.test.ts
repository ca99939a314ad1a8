// The console's SSE parser (web/src/sse-parse.ts): frames split across chunks, comments, CRLF, retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSse } from '../web/src/sse-parse.ts';
import { sseFrame } from '../src/http/routes/events.ts';

test('parseSse reads what the events route writes, chunk by chunk', () => {
  const stream = `retry: 5000\n\n${sseFrame('cycle', { at: 'x', systems: [{ id: 'a\nb' }] })}: ping\n\n${sseFrame('incident', { id: 1 })}`;
  const seen: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  let retry: number | undefined;
  for (let i = 0; i < stream.length; i += 7) {
    const parsed = parseSse(buffer + stream.slice(i, i + 7));
    buffer = parsed.rest;
    retry = parsed.retry ?? retry;
    for (const m of parsed.messages) seen.push({ event: m.event, data: JSON.parse(m.data) });
  }
  assert.equal(buffer, '');
  assert.equal(retry, 5000);
  assert.deepEqual(seen, [{ event: 'cycle', data: { at: 'x', systems: [{ id: 'a\nb' }] } }, { event: 'incident', data: { id: 1 } }]);
});

test('parseSse: CRLF, multi-line data, default event, an unfinished frame stays in the buffer', () => {
  const r = parseSse('data: one\r\ndata: two\r\n\r\nevent: cycle\ndata: {"a"');
  assert.deepEqual(r.messages, [{ event: 'message', data: 'one\ntwo' }]);
  assert.equal(r.rest, 'event: cycle\ndata: {"a"');
  assert.deepEqual(parseSse(': only a comment\n\n').messages, []);
});
