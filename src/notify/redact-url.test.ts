import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redactUrl } from './redact-url.ts';
import { createWebhookNotifier } from './webhook/webhook-notifier.ts';

test('redactUrl keeps scheme, host and port; drops userinfo, path, query and fragment', () => {
  assert.equal(redactUrl('https://user:pw@hooks.example:8443/services/T0/B0/SECRET?token=SECRET#x'), 'https://hooks.example:8443/…');
  assert.equal(redactUrl('http://127.0.0.1:9'), 'http://127.0.0.1:9');
  assert.equal(redactUrl('not a url'), '[unparsable URL]');
});

test("a failing webhook's error message (logged and stored in the outbox) never holds its secret", async () => {
  const server = createServer((_req, res) => { res.writeHead(500); res.end('down'); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const urls = [`http://hook:SECRET1@127.0.0.1:${port}/hook/SECRET2?key=SECRET3`, 'http://127.0.0.1:1/x?key=SECRET4'];
  try {
    const notifier = createWebhookNotifier(urls.map((url) => ({ url })), { timeoutMs: 5000 });
    for (const url of urls) {
      const err = await notifier.send({ id: 'm1', event: 'incident-opened', recipient: url, subject: 's', text: 't' } as never).then(() => null, (e: Error) => e);
      assert.ok(err, 'fails');
      assert.doesNotMatch(err.message, /SECRET/, err.message);
      assert.match(err.message, /127\.0\.0\.1/);
    }
  } finally {
    server.close();
  }
});
