// Sensitive identifiers encrypted at rest (product §17, ADR 34). A sealed value is AES-256-GCM with a
// random 96-bit nonce, bound to its column (the column's name is the additional authenticated data,
// so a value copied into another column does not open), written as
// `hsec1.<key id>.<nonce>.<ciphertext and tag>` (base64url). The keys live outside the database: in
// DATA_ENCRYPTION_KEYS, or in a key file in DATA_DIR that the first start creates, so a copy of
// the database or of a backup alone does not reveal them. The first key seals; every listed key
// opens, which is how a key is replaced (ADR 34).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'hsec1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldKey {
  /** The first 8 hex digits of the key's SHA-256: names the key in a sealed value, reveals nothing. */
  id: string;
  key: Buffer;
}

let keys: readonly FieldKey[] | null = null;

function fieldKey(key: Buffer): FieldKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** A random key, as DATA_ENCRYPTION_KEYS and the key file write it (base64 of 32 bytes). */
export function newFieldKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** Why a comma-separated list of keys is unusable, or null when every key is 32 bytes of base64. */
export function fieldKeysProblem(spec: string): string | null {
  const parts = spec.split(',').map((s) => s.trim());
  for (const [i, part] of parts.entries()) {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(part)) {
      return `key ${i + 1} is not 32 bytes in base64 (make one with: openssl rand -base64 32)`;
    }
  }
  return null;
}

export function parseFieldKeys(spec: string): FieldKey[] {
  const problem = fieldKeysProblem(spec);
  if (problem) throw new Error(`DATA_ENCRYPTION_KEYS: ${problem}`);
  return spec.split(',').map((s) => fieldKey(Buffer.from(s.trim(), 'base64')));
}

export function fieldKeyFile(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'field-encryption.key');
}

/**
 * The configured keys, or the key file in DATA_DIR, made on the first start (0600, in a 0700
 * folder). Two processes starting together agree: the file is created exclusively, and the one that
 * loses the race reads the winner's key.
 */
export function loadFieldKeys(config: { DATA_ENCRYPTION_KEYS?: string; dataDir: string }): FieldKey[] {
  if (config.DATA_ENCRYPTION_KEYS) return parseFieldKeys(config.DATA_ENCRYPTION_KEYS);
  const file = fieldKeyFile(config.dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${newFieldKeyText()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  const problem = fieldKeysProblem(text);
  if (problem) throw new Error(`${file}: ${problem}`);
  return parseFieldKeys(text);
}

/** Loads and uses the configured keys: every process does so before it touches a sealed column. */
export function useConfiguredFieldKeys(config: { DATA_ENCRYPTION_KEYS?: string; dataDir: string }): void {
  useFieldKeys(loadFieldKeys(config));
}

/**
 * Sets the process's keys (at start-up, before anything reads or writes a sealed column): the first
 * seals from now on. Keys an earlier call set still open (a process that loads a second
 * configuration, as tests do, can still read what it sealed under the first).
 */
export function useFieldKeys(k: readonly FieldKey[]): void {
  if (k.length === 0) throw new Error('At least one field encryption key is needed');
  const ids = new Set(k.map((x) => x.id));
  keys = [...k, ...(keys ?? []).filter((x) => !ids.has(x.id))];
}

function loaded(): readonly FieldKey[] {
  if (!keys) throw new Error('Field encryption keys are not loaded: call useFieldKeys at start-up');
  return keys;
}

/** The id of the key that seals now: values under any other key are sealed again at start-up. */
export function sealingKeyId(): string {
  return loaded()[0]!.id;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(`${PREFIX}.`);
}

/** `plain` encrypted for `column` (e.g. "patients.insurance_policy_number"). */
export function seal(plain: string, column: string): string {
  const k = loaded()[0]!;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k.key, nonce);
  cipher.setAAD(Buffer.from(column));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}.${k.id}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

/**
 * The plain value of what `seal` wrote for `column`. A value written before its column was sealed
 * is returned as it is (the start-up sweep seals it). A value under a key no longer configured, or
 * altered, or moved from another column, throws: never a wrong value.
 */
export function open(stored: string, column: string): string {
  if (!isSealed(stored)) return stored;
  const [, id, nonceText, bodyText] = stored.split('.');
  const k = loaded().find((x) => x.id === id);
  if (!k || !nonceText || !bodyText) {
    throw new Error(
      `A value in ${column} was sealed with key ${id ?? '?'}, which is not configured: keep old keys in DATA_ENCRYPTION_KEYS after the current one`,
    );
  }
  const body = Buffer.from(bodyText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(nonceText, 'base64url'));
  decipher.setAAD(Buffer.from(column));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/** `open` for a nullable column: null stays null. */
export function openNullable(stored: string | null, column: string): string | null {
  return stored === null ? null : open(stored, column);
}
