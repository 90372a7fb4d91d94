import { z } from 'zod';
import { Email, Instant } from './common';
import { Password, PASSWORD_MAX, RecoveryCode, TotpCode } from './identity';

// Password reset by mailed link, and TOTP two-factor sign-in with recovery codes.

export const PasswordResetStart = z.strictObject({ email: Email });
export type PasswordResetStart = z.infer<typeof PasswordResetStart>;

/** The same reply whether or not the address has an account. */
export const PasswordResetStarted = z.object({ message: z.string() });

export const PasswordResetComplete = z.strictObject({
  /** The token from the mailed link (`/reset-password?token=…`). */
  token: z.string().trim().min(20).max(200),
  newPassword: Password,
});
export type PasswordResetComplete = z.infer<typeof PasswordResetComplete>;

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: Instant.nullable(),
  /** A secret was issued by set-up and awaits its first code. */
  pending: z.boolean(),
  recoveryCodesRemaining: z.number().int(),
  /** The active hospital requires staff to use two-factor sign-in. */
  requiredByHospital: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** What the authenticator app needs: the secret, as text and as a scannable QR image. */
export const TwoFactorSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  /** A PNG data URL of the otpauth URI as a QR code. */
  qrDataUrl: z.string(),
});
export type TwoFactorSetup = z.infer<typeof TwoFactorSetup>;

export const TwoFactorEnable = z.strictObject({ code: TotpCode });

/** Shown once: only hashes are kept. Each code signs in once instead of an app code. */
export const TwoFactorEnabled = z.object({ recoveryCodes: z.array(z.string()) });
export type TwoFactorEnabled = z.infer<typeof TwoFactorEnabled>;

export const TwoFactorDisable = z.strictObject({
  password: z.string().min(1).max(PASSWORD_MAX),
  /** A current app code or an unused recovery code. */
  code: z.union([TotpCode, RecoveryCode]),
});
export type TwoFactorDisable = z.infer<typeof TwoFactorDisable>;
