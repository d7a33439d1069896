import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChatServices } from '../context.js';
import { findIdentitySettings } from './identity-verification.repository.js';
import { secretBoxOf } from './identity-secret-box.js';

export type ExternalIdError = 'signature_required' | 'invalid_signature' | 'token_expired';

export type ExternalIdVerification =
  | {
      ok: true;
      /** True when a signature or token was checked; false when verification is off or no id was given. */
      verified: boolean;
      /** The external id to use: the given one, or the JWT's `sub`. */
      externalId: string | undefined;
    }
  | { ok: false; error: ExternalIdError; message: string };

const safeEqual = (a: string, b: string) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Hex HMAC-SHA256 of the external id with the account secret, as the host site computes it. */
export function signExternalId(secret: string, externalId: string): string {
  return createHmac('sha256', secret).update(externalId, 'utf8').digest('hex');
}

/** Whether `signature` is the hex HMAC-SHA256 of `externalId` (constant-time comparison). */
export function verifyHmacSignature(secret: string, externalId: string, signature: string): boolean {
  return safeEqual(signExternalId(secret, externalId), signature.trim().toLowerCase());
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks an HS256 JWT signed with the account secret: only `alg: HS256` is accepted (never
 * `none`), `sub` must be a string, `exp`/`nbf` (seconds) are respected.
 */
export function verifyHs256Jwt(
  secret: string,
  jwt: string,
  now: Date = new Date(),
): { ok: true; sub: string } | { ok: false; error: 'invalid_signature' | 'token_expired' } {
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) return { ok: false, error: 'invalid_signature' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (header?.alg !== 'HS256') return { ok: false, error: 'invalid_signature' };
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest('base64url');
  if (!safeEqual(expected, signaturePart)) return { ok: false, error: 'invalid_signature' };
  const payload = decodeJson(payloadPart);
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '')
    return { ok: false, error: 'invalid_signature' };
  const seconds = now.getTime() / 1000;
  if (payload.exp !== undefined && (typeof payload.exp !== 'number' || payload.exp <= seconds)) {
    return { ok: false, error: 'token_expired' };
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > seconds)) {
    return { ok: false, error: 'invalid_signature' };
  }
  return { ok: true, sub: payload.sub };
}

const MESSAGES: Record<ExternalIdError, string> = {
  signature_required: 'Identity verification is on: the external id must be signed (signature or JWT).',
  invalid_signature: 'The external id signature is not valid.',
  token_expired: 'The identity token has expired.',
};

const fail = (error: ExternalIdError) => ({ ok: false as const, error, message: MESSAGES[error] });

/**
 * Identity verification (C4) for the widget: when the account has it on, an external id must
 * come with the hex HMAC-SHA256 of it (`signature`) or an HS256 JWT whose `sub` is it, both
 * made with the account secret; otherwise it is refused so nobody can open another person's
 * chat. Anonymous visits (no external id) always pass. When off, ids are taken as given.
 */
export async function verifyExternalId(
  services: ChatServices,
  input: { externalId?: string; signature?: string; jwt?: string },
  now: Date = new Date(),
): Promise<ExternalIdVerification> {
  const settings = await findIdentitySettings(services.db);
  if (!settings.identity_verification) return { ok: true, verified: false, externalId: input.externalId };
  if (input.externalId === undefined && input.jwt === undefined) {
    return { ok: true, verified: false, externalId: undefined };
  }
  if (input.signature === undefined && input.jwt === undefined) return fail('signature_required');
  // On but no secret yet (cannot normally happen: enabling needs one): fail closed.
  if (!settings.identity_secret_encrypted) return fail('invalid_signature');
  const secret = await secretBoxOf(services).open(settings.identity_secret_encrypted);
  if (input.jwt !== undefined) {
    const result = verifyHs256Jwt(secret, input.jwt, now);
    if (!result.ok) return fail(result.error);
    if (input.externalId !== undefined && input.externalId !== result.sub) return fail('invalid_signature');
    return { ok: true, verified: true, externalId: result.sub };
  }
  if (!verifyHmacSignature(secret, input.externalId!, input.signature!)) return fail('invalid_signature');
  return { ok: true, verified: true, externalId: input.externalId };
}
