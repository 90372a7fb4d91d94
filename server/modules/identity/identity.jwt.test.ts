import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessTokens } from './identity.jwt';

const SECRET = 'x'.repeat(48);

describe('AccessTokens', () => {
  afterEach(() => vi.useRealTimers());

  it('verifies its own tokens and refuses another key’s', async () => {
    const token = await new AccessTokens(SECRET, 60).issue('user-1', 'family-1');
    expect(await new AccessTokens(SECRET, 60).verify(token)).toMatchObject({
      userId: 'user-1',
      familyId: 'family-1',
    });
    expect(await new AccessTokens('y'.repeat(48), 60).verify(token)).toBeNull();
  });

  it('stops accepting a token once it expires, including one it verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tokens = new AccessTokens(SECRET, 60);
    const token = await tokens.issue('user-2', 'family-2');
    expect(await tokens.verify(token)).toMatchObject({ userId: 'user-2' });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await tokens.verify(token)).toBeNull();
    expect(await new AccessTokens(SECRET, 60).verify(token)).toBeNull();
  });

  it('refuses a tampered payload even when the original was verified', async () => {
    const tokens = new AccessTokens(SECRET, 60);
    const token = await tokens.issue('user-3', 'family-3');
    await tokens.verify(token);
    const [h, p, s] = token.split('.');
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString());
    forged.sub = 'someone-else';
    expect(
      await tokens.verify(`${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`),
    ).toBeNull();
  });

  it('refuses a validly signed token that names no token family (issued before families were checked)', async () => {
    const { SignJWT } = await import('jose');
    const legacy = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-4')
      .setIssuer('hospitium')
      .setAudience('hospitium-api')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(SECRET));
    expect(await new AccessTokens(SECRET, 60).verify(legacy)).toBeNull();
  });
});
