import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN } from '../../../contracts/identity';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// algorithm 2 = Argon2id (a const enum in the typings, which isolatedModules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A hash of no one's password: verifying against it costs what a real check costs, so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;

/** Verifies a password; with no stored hash it still spends the same time and answers false. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

const COMMON = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'qwerty1234',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'admin12345',
  'changeme123',
  'hospital123',
  'hospitium1',
  'abcdefghij',
  'abc1234567',
  '1q2w3e4r5t',
  'passw0rd123',
  'football123',
  'monkey12345',
  'dragon12345',
  'sunshine123',
  'princess123',
  '0987654321',
  '1111111111',
  'aaaaaaaaaa',
]);

/** Why a password is too weak, or null. Length is checked by the contract; this catches the guessable. */
export function weakPasswordReason(password: string, email: string): string | null {
  const lower = password.toLowerCase();
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (COMMON.has(lower)) return 'This password is too common.';
  if (new Set(lower).size < 4) return 'Use more varied characters.';
  const local = email.split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local.toLowerCase()))
    return 'Do not use your email address in your password.';
  return null;
}

/** A six-digit one-time code. */
export function randomCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

// Generic helpers live in the platform; identity's callers keep importing them from here.
export { randomToken, safeEqual, sha256 } from '../../platform/crypto';
