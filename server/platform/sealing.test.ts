import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import {
  fieldKeyFile,
  isSealed,
  loadFieldKeys,
  newFieldKeyText,
  open,
  parseFieldKeys,
  seal,
  sealingKeyId,
  useFieldKeys,
} from './sealing';

const COLUMN = 'patients.insurance_policy_number';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function scratch(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-keys-'));
  dirs.push(d);
  return d;
}

describe('sealing a value', () => {
  const [key] = parseFieldKeys(newFieldKeyText());
  useFieldKeys([key!]);

  it('opens to the plain value, and two seals of one value differ (random nonce)', () => {
    const a = seal('SH-4410-2291-77', COLUMN);
    const b = seal('SH-4410-2291-77', COLUMN);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('4410');
    expect(a).not.toBe(b);
    expect(open(a, COLUMN)).toBe('SH-4410-2291-77');
    expect(open(seal('पॉलिसी ७७', COLUMN), COLUMN)).toBe('पॉलिसी ७७');
  });

  it('refuses a value moved from another column, or altered', () => {
    const a = seal('SH-1', COLUMN);
    expect(() => open(a, 'patients.phone')).toThrow();
    const [, id, nonce, body] = a.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open(`hsec1.${id}.${nonce}.${flipped.toString('base64url')}`, COLUMN)).toThrow();
  });

  it('passes through a value written before the column was sealed', () => {
    expect(open('HE-2023-884120', COLUMN)).toBe('HE-2023-884120');
  });

  it('after a key change, seals with the new key and still opens under the old one listed after it', () => {
    const old = seal('SH-OLD', COLUMN);
    const next = newFieldKeyText();
    useFieldKeys(parseFieldKeys(`${next},${key!.key.toString('base64')}`));
    expect(sealingKeyId()).not.toBe(key!.id);
    expect(open(old, COLUMN)).toBe('SH-OLD');
    expect(seal('SH-NEW', COLUMN).split('.')[1]).toBe(sealingKeyId());
  });

  it('names the missing key when a value was sealed with a key no longer configured', () => {
    const stray = `hsec1.0badc0de.${'A'.repeat(16)}.${'B'.repeat(40)}`;
    expect(() => open(stray, COLUMN)).toThrow(/key 0badc0de.*not configured/);
  });
});

describe('where the keys come from', () => {
  it('a first start makes a key file (0600 in a 0700 folder) and the next start reads the same key', () => {
    const dataDir = scratch();
    const first = loadFieldKeys({ dataDir });
    const file = fieldKeyFile(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(loadFieldKeys({ dataDir }).map((k) => k.id)).toEqual(first.map((k) => k.id));
  });

  it('DATA_ENCRYPTION_KEYS wins over the key file, and a malformed one stops the start with a clear message', () => {
    const dataDir = scratch();
    const text = newFieldKeyText();
    const [k] = loadFieldKeys({ dataDir, DATA_ENCRYPTION_KEYS: text });
    expect(k!.id).toBe(parseFieldKeys(text)[0]!.id);
    expect(fs.existsSync(fieldKeyFile(dataDir))).toBe(false);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEYS: 'c2hvcnQ=' })).toThrow(
      /DATA_ENCRYPTION_KEYS: key 1 is not 32 bytes in base64/,
    );
    expect(() => loadConfig({ DATA_ENCRYPTION_KEYS: `${text},nope` })).toThrow(/key 2 is not 32 bytes/);
  });

  it('a damaged key file stops the start rather than sealing with something else', () => {
    const dataDir = scratch();
    fs.mkdirSync(path.dirname(fieldKeyFile(dataDir)), { recursive: true });
    fs.writeFileSync(fieldKeyFile(dataDir), 'not a key\n');
    expect(() => loadFieldKeys({ dataDir })).toThrow(/field-encryption.key: key 1 is not 32 bytes/);
  });
});
