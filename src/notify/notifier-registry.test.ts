import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { buildNotifiers, closeNotifiers, notifierKinds } from './notifier-registry.ts';

test('only the configured channels get a notifier', async () => {
  assert.deepEqual(Object.keys(buildNotifiers(undefined)), []);
  assert.deepEqual(Object.keys(buildNotifiers({ webhooks: [] })), []);
  const all = buildNotifiers({ email: { smtp: 'smtp://127.0.0.1:2525', from: 'dnswarden@lab' }, webhooks: [{ url: 'http://127.0.0.1:9/h', secret: 'k' }] });
  assert.deepEqual(Object.keys(all).sort(), ['email', 'webhook']);
  assert.deepEqual(Object.values(all).map((n) => n.channel).sort(), ['email', 'webhook']);
  await closeNotifiers(all);
});

test('each kind exports a config schema that accepts the example and refuses junk', () => {
  const example = { email: { smtp: 'smtp://127.0.0.1:2525', from: 'dnswarden@lab' }, webhooks: [{ url: 'https://h.example/x', secret: 's' }] };
  for (const kind of notifierKinds) {
    assert.ok(Value.Check(kind.configSchema, example[kind.configKey]), kind.channel);
  }
  const email = notifierKinds.find((k) => k.channel === 'email')!;
  assert.equal(Value.Check(email.configSchema, { smtp: 'ftp://x', from: 'a@b' }), false);
});
