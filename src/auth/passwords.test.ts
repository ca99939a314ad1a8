import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, parsePasswordHash, verifyNothing, verifyPassword } from './passwords.ts';
import { newPassword, newToken, tokenHash } from './tokens.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

test('hashPassword: scrypt$N$r$p$salt$hash with the default cost; verifyPassword accepts only the password', async () => {
  const h = await hashPassword('correct horse 电池');
  assert.match(h, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword('correct horse 电池', h), true);
  assert.equal(await verifyPassword('correct horse 电池 ', h), false);
  assert.equal(await verifyPassword('', h), false);
  assert.equal(needsRehash(h), false);
  assert.deepEqual(parsePasswordHash(h)?.params, DEFAULT_SCRYPT);
});

test('the same password hashes differently each time (random salt)', async () => {
  const [a, b] = await Promise.all([hashPassword('pw', CHEAP), hashPassword('pw', CHEAP)]);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('pw', a), true);
  assert.equal(await verifyPassword('pw', b), true);
  assert.equal(needsRehash(a), true, 'cheaper than the default');
});

test('Unicode is compared after NFC normalisation', async () => {
  const h = await hashPassword('caf\u00e9', CHEAP);
  assert.equal(await verifyPassword('cafe\u0301', h), true);
});

test('malformed or out-of-bounds hashes never verify', async () => {
  const good = await hashPassword('pw', CHEAP);
  const [, , , , salt, key] = good.split('$');
  for (const bad of ['', 'pw', 'bcrypt$10$x', `scrypt$1000$8$1$${salt}$${key}`, `scrypt$${2 ** 24}$8$1$${salt}$${key}`,
    `scrypt$1024$0$1$${salt}$${key}`, `scrypt$1024$8$99$${salt}$${key}`, `scrypt$1024$8$1$$${key}`, `scrypt$1024$8$1$${salt}$AA`]) {
    assert.equal(parsePasswordHash(bad), null, bad);
    assert.equal(await verifyPassword('pw', bad), false, bad);
  }
  const flipped = good.slice(0, -2) + (good.endsWith('AA') ? 'BA' : 'AA');
  assert.equal(await verifyPassword('pw', flipped), false);
  await assert.rejects(hashPassword(''), /empty/);
});

test('verifyNothing always says no', async () => {
  assert.equal(await verifyNothing('anything'), false);
});

test('tokens: 32 random bytes in base64url, hashed to hex SHA-256; passwords are 24 characters', () => {
  const tokens = new Set(Array.from({ length: 200 }, newToken));
  assert.equal(tokens.size, 200);
  for (const t of tokens) assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(tokenHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.match(newPassword(), /^[A-Za-z0-9_-]{24}$/);
});
