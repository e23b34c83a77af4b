import {
  SIGN_IN_CODE_ATTEMPTS,
  SIGN_IN_CODE_MINUTES,
  type SignInBody,
  type VerificationMethod,
  type VerifySignInBody,
} from '../../../shared/contracts/auth.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { AppError, validationFailed } from '../../errors.js';
import type { Outbox } from '../../mail/outbox.js';
import { signInCodeEmail } from '../../mail/templates/sign-in-code.js';
import { createRateLimitRepo, enforceLimit, type Limit } from '../../security/rate-limit.repo.js';
import { newToken, sha256 } from '../../security/tokens.js';
import type { DevicesService, RememberedDevice } from '../devices/devices.service.js';
import type { TwoFactorService } from '../two-factor/two-factor.service.js';
import type { UsersService } from '../users/users.service.js';
import type { AuthService, ClientInfo, SignedIn } from './auth.service.js';
import { newSignInCode, signInCodeHash, signInCodeMatches } from './sign-in-code.js';
import { createSignInChallengesRepo } from './sign-in-challenges.repo.js';

export interface TwoStepLimits {
  /** Verification attempts per client address, across challenges. */
  verifyPerIp: Limit;
  /** Second steps started per account (each emails a code or allows 5 authenticator guesses). */
  challengesPerAccount: Limit;
  /** Codes resent per account. */
  resendsPerAccount: Limit;
}

export const DEFAULT_TWO_STEP_LIMITS: TwoStepLimits = {
  verifyPerIp: { max: 50, windowSeconds: 15 * 60 },
  challengesPerAccount: { max: 10, windowSeconds: 15 * 60 },
  resendsPerAccount: { max: 3, windowSeconds: 15 * 60 },
};

export interface SignInDeps {
  auth: AuthService;
  users: UsersService;
  devices: DevicesService;
  twoFactor: TwoFactorService;
  outbox: Outbox;
  publicUrl: string;
  /** Email a code when a browser is new (NEW_DEVICE_CODES); authenticator checks apply regardless. */
  newDeviceCodes: boolean;
  now: () => Date;
  limits?: TwoStepLimits;
}

/** What the browser brings: the cookies that matter to signing in. */
export interface BrowserState {
  sessionToken: string | undefined;
  deviceCookie: string | undefined;
}

export interface Challenge {
  /** Goes to the browser in the challenge cookie; only its hash is stored. */
  token: string;
  method: VerificationMethod;
  expiresAt: Date;
}

export type SignInOutcome = { signedIn: SignedIn } | { challenge: Challenge };

const codeExpired = () =>
  new AppError('CODE_EXPIRED', 400, 'This code has expired or was tried too often. Sign in again.');

const wrongCode = (left: number) =>
  validationFailed([
    { field: 'code', message: `The code is incorrect (${left} ${left === 1 ? 'attempt' : 'attempts'} left)` },
  ]);

/**
 * Signing in with a second step: a browser the account has not verified gets an emailed code (or, with
 * an authenticator app, is asked for its code); once verified, the browser is remembered.
 */
export function createSignInService(db: Db, deps: SignInDeps) {
  const limits = deps.limits ?? DEFAULT_TWO_STEP_LIMITS;
  const challenges = createSignInChallengesRepo(db);
  const rateLimits = createRateLimitRepo(db);
  const limitTo = (key: string, limit: Limit, message: string) =>
    enforceLimit(rateLimits, key, limit, message);

  const codeExpiry = () => new Date(deps.now().getTime() + SIGN_IN_CODE_MINUTES * 60_000);

  /** In the transaction that stores or replaces the code: the email exists exactly when the code does. */
  const enqueueCode = (tx: Db, user: UserRow, code: string, client: ClientInfo) =>
    deps.outbox.enqueue(tx, {
      ...signInCodeEmail({
        fullName: user.fullName,
        language: user.preferredLanguage,
        publicUrl: deps.publicUrl,
        code,
        userAgent: client.userAgent,
        ip: client.ip,
      }),
      to: user.email,
      kind: 'sign_in_code',
    });

  async function startChallenge(
    user: UserRow,
    method: VerificationMethod,
    client: ClientInfo,
  ): Promise<Challenge> {
    await limitTo(
      `sign-in-challenge:${user.id}`,
      limits.challengesPerAccount,
      'Too many sign-in attempts. Try again later.',
    );
    const token = newToken();
    const expiresAt = codeExpiry();
    const row = { tokenHash: sha256(token), userId: user.id, method, expiresAt, createdAt: deps.now() };
    if (method === 'totp') {
      await challenges.insert({ ...row, codeHash: null });
    } else {
      const code = newSignInCode();
      await db.transaction(async (tx) => {
        await createSignInChallengesRepo(tx).insert({ ...row, codeHash: signInCodeHash(token, code) });
        await enqueueCode(tx, user, code, client);
      });
      deps.outbox.wake();
    }
    return { token, method, expiresAt };
  }

  return {
    /** The password, then either a session (remembered browser, or no second step needed) or a challenge. */
    async signIn(body: SignInBody, client: ClientInfo, browser: BrowserState): Promise<SignInOutcome> {
      const user = await deps.auth.checkPassword(body, client);
      if (!(await deps.devices.isTrusted(browser.deviceCookie, user.id))) {
        if (user.totpEnabledAt !== null) return { challenge: await startChallenge(user, 'totp', client) };
        if (deps.newDeviceCodes) return { challenge: await startChallenge(user, 'email', client) };
      }
      return { signedIn: await deps.auth.startSession(user, client, browser.sessionToken) };
    },

    /**
     * Checks the second step. Every call counts one attempt first (atomically); the fifth wrong one
     * ends the challenge. Success starts a fresh session and, unless declined, remembers the browser.
     */
    async verify(
      challengeToken: string | undefined,
      body: VerifySignInBody,
      client: ClientInfo,
      browser: BrowserState,
    ): Promise<{ signedIn: SignedIn; device: RememberedDevice | undefined }> {
      await limitTo(
        `sign-in-verify:ip:${client.ip}`,
        limits.verifyPerIp,
        'Too many attempts. Try again later.',
      );
      if (!challengeToken) throw codeExpired();
      const tokenHash = sha256(challengeToken);
      const now = deps.now();
      const challenge = await challenges.countAttempt(tokenHash, now, SIGN_IN_CODE_ATTEMPTS);
      if (!challenge) throw codeExpired();
      const user = await deps.users.findById(challenge.userId);
      if (!user || user.status !== 'active') throw codeExpired();

      const right =
        challenge.method === 'email'
          ? signInCodeMatches(challenge.codeHash, challengeToken, body.code)
          : await deps.twoFactor.verifySignInCode(user, body.code);
      if (!right) {
        await deps.auth.recordStaffFailure(user, client, 'wrong_code');
        const left = SIGN_IN_CODE_ATTEMPTS - challenge.attempts;
        throw left > 0 ? wrongCode(left) : codeExpired();
      }
      if (!(await challenges.markUsed(tokenHash, now))) throw codeExpired();

      const signedIn = await deps.auth.startSession(user, client, browser.sessionToken);
      const device =
        body.rememberDevice === false
          ? undefined
          : await deps.devices.remember(user.id, client, browser.deviceCookie);
      return { signedIn, device };
    },

    /** A new emailed code replaces the old one: new expiry, attempts start over. */
    async resend(challengeToken: string | undefined, client: ClientInfo): Promise<Challenge> {
      if (!challengeToken) throw codeExpired();
      const tokenHash = sha256(challengeToken);
      const challenge = await challenges.findLive(tokenHash, deps.now());
      if (!challenge) throw codeExpired();
      if (challenge.method !== 'email') {
        throw new AppError('CONFLICT', 409, 'Use the code your authenticator app shows, or a recovery code');
      }
      await limitTo(
        `sign-in-resend:${challenge.userId}`,
        limits.resendsPerAccount,
        'Too many codes sent. Try again later.',
      );
      const user = await deps.users.findById(challenge.userId);
      if (!user || user.status !== 'active') throw codeExpired();

      const code = newSignInCode();
      const expiresAt = codeExpiry();
      const replaced = await db.transaction(async (tx) => {
        const done = await createSignInChallengesRepo(tx).replaceCode(
          tokenHash,
          signInCodeHash(challengeToken, code),
          expiresAt,
          deps.now(),
        );
        if (done) await enqueueCode(tx, user, code, client);
        return done;
      });
      if (!replaced) throw codeExpired();
      deps.outbox.wake();
      return { token: challengeToken, method: 'email', expiresAt };
    },

    /** Housekeeping: forget finished challenges and expired devices. */
    async sweep(): Promise<void> {
      await challenges.deleteExpired(deps.now());
      await deps.devices.sweep();
    },
  };
}
export type SignInService = ReturnType<typeof createSignInService>;
