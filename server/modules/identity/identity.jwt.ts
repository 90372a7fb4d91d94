import { jwtVerify, SignJWT } from 'jose';
import { newId } from '../../db/ids';

const ISSUER = 'hospitium';
const AUDIENCE = 'hospitium-api';

export interface AccessClaims {
  userId: string;
  issuedAt: number;
  /**
   * The refresh-token family the token was issued with (`sid`). Revoking the family (sign-out,
   * token revocation, a password change) ends the access tokens issued with it too.
   */
  familyId: string;
}

/** Verified tokens, so a client's repeated requests skip the signature check until the token expires. */
const VERIFIED_CACHE_MAX = 10_000;

/** Short-lived HS256 access tokens for API clients. */
export class AccessTokens {
  private readonly key: Uint8Array;
  // A token's claims are a pure function of the token and the key, so caching them is safe; whether
  // the token's family is still live, who the user is and what they may do are checked separately.
  private readonly verified = new Map<string, AccessClaims & { expiresAt: number }>();
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string, familyId: string): Promise<string> {
    return new SignJWT({ typ: 'access', sid: familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(newId())
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  async verify(token: string): Promise<AccessClaims | null> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now())
        return { userId: hit.userId, issuedAt: hit.issuedAt, familyId: hit.familyId };
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (payload.typ !== 'access' || !payload.sub || !payload.iat || !payload.exp) return null;
      if (typeof payload.sid !== 'string') return null;
      const claims = { userId: payload.sub, issuedAt: payload.iat, familyId: payload.sid };
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
      this.verified.set(token, { ...claims, expiresAt: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }

  get ttl(): number {
    return this.ttlSeconds;
  }
}
