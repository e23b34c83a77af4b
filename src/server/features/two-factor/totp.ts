import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Customer Care Registry';
/** What authenticator apps show: six digits (spaces typed by the user are ignored). */
export const TOTP_CODE = /^\d{6}$/;
const STEP_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

export const otpauthUrl = (email: string, secret: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: email, secret });

export const qrCodeSvg = (url: string): Promise<string> => QRCode.toString(url, { type: 'svg', margin: 1 });

/** Spaces and dashes people type between the digits are not part of the code. */
export const cleanCode = (code: string): string => code.replace(/[\s-]/g, '');

/**
 * The 30-second step of a right code, allowing one step of clock drift either way; never a step at or
 * before `afterStep`, so a code that was accepted once is refused after.
 */
export async function totpStep(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | undefined> {
  const token = cleanCode(code);
  if (!TOTP_CODE.test(token)) return undefined;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: STEP_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
