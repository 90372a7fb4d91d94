import { jwtVerify, SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';

const ISSUER = 'hospitium';
const AUDIENCE = 'hospitium-api';

export interface AccessClaims {
  userId: string;
  issuedAt: number;
}

/** Short-lived HS256 access tokens for API clients. */
export class AccessTokens {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string): Promise<string> {
    return new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(uuidv7())
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (payload.typ !== 'access' || !payload.sub || !payload.iat) return null;
      return { userId: payload.sub, issuedAt: payload.iat };
    } catch {
      return null;
    }
  }

  get ttl(): number {
    return this.ttlSeconds;
  }
}
