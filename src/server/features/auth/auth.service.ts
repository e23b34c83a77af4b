import type { RegisterBody, SignInBody } from '../../../shared/contracts/auth.js';
import type { Db } from '../../db/connection.js';
import type { SessionRow, UserRow } from '../../db/schema.js';
import { AppError, passwordMismatch } from '../../errors.js';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords.js';
import {
  createRateLimitRepo,
  enforceLimit,
  type AccountAndIpLimits,
  type Limit,
} from '../../security/rate-limit.repo.js';
import { newToken, sha256 } from '../../security/tokens.js';
import { recordAudit } from '../audit/audit.record.js';
import { normaliseEmail, type UsersService } from '../users/users.service.js';
import type { ConfirmationLinks } from './email-confirmation.service.js';
import type { SessionCache } from './session-cache.js';
import { createSessionsRepo } from './sessions.repo.js';

export type SignInLimits = AccountAndIpLimits;

/** Per account: slows guessing one password. Per IP: slows trying many accounts from one place. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: { max: 10, windowSeconds: 15 * 60 },
  perIp: { max: 50, windowSeconds: 15 * 60 },
};

export interface AuthServiceOptions {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  signInLimits: SignInLimits;
  now: () => Date;
  /** Writes the address confirmation link of a new customer; registration needs it. */
  emailConfirmation?: ConfirmationLinks;
  /** Sessions read lately; without one, every signed-in request reads its session. */
  sessionCache?: SessionCache;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface SignedIn {
  user: UserRow;
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const INVALID_CREDENTIALS = () => new AppError('INVALID_CREDENTIALS', 401, 'Email or password is incorrect');

const INACTIVE_ACCOUNT = {
  pending: () =>
    new AppError('ACCOUNT_PENDING', 403, 'Your request to join is waiting for an admin to accept it'),
  rejected: () => new AppError('ACCOUNT_REJECTED', 403, 'Your request to join was not accepted'),
  deactivated: () => new AppError('ACCOUNT_DEACTIVATED', 403, 'This account has been deactivated'),
};

const staffTarget = (user: UserRow, client: ClientInfo) => ({
  targetType: 'user' as const,
  targetId: user.id,
  targetLabel: user.email,
  ip: client.ip,
});

/** Only touch a session's last-seen time once a minute, not on every request. */
const TOUCH_AFTER_MS = 60_000;

const DEFAULT_OPTIONS: AuthServiceOptions = {
  sessionIdleMinutes: 120,
  sessionMaxHours: 24 * 7,
  signInLimits: DEFAULT_SIGN_IN_LIMITS,
  now: () => new Date(),
};

export function createAuthService(db: Db, users: UsersService, given: Partial<AuthServiceOptions> = {}) {
  const options = { ...DEFAULT_OPTIONS, ...given };
  const sessionsRepo = createSessionsRepo(db);
  const rateLimits = createRateLimitRepo(db);
  const idleMs = options.sessionIdleMinutes * 60_000;
  const cache = options.sessionCache;

  const isLive = (session: SessionRow, user: UserRow, now: Date) =>
    user.status === 'active' &&
    session.expiresAt > now &&
    now.getTime() - session.lastSeenAt.getTime() < idleMs;
  const touchIsDue = (session: SessionRow, now: Date) =>
    now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS;

  /** A fresh session id at every sign-in: a planted or old cookie (`replacedToken`) is never promoted. */
  async function startSession(user: UserRow, client: ClientInfo, replacedToken?: string): Promise<SignedIn> {
    if (replacedToken) await sessionsRepo.delete(sha256(replacedToken));
    const token = newToken();
    const now = options.now();
    const expiresAt = new Date(now.getTime() + options.sessionMaxHours * 3_600_000);
    const session = {
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    };
    if (user.role === 'customer') await sessionsRepo.insert(session);
    else {
      await db.transaction(async (tx) => {
        await createSessionsRepo(tx).insert(session);
        await recordAudit(tx, { action: 'staff.signed_in', actorId: user.id, ...staffTarget(user, client) });
      });
    }
    return { user, token, expiresAt };
  }

  /**
   * A failed sign-in to an agent or admin account (never to a customer's or an unknown email, whose
   * path stays exactly as it was). Nobody is signed in, so the actor is only the email tried.
   */
  async function recordStaffFailure(user: UserRow, client: ClientInfo, reason: string): Promise<void> {
    if (user.role === 'customer') return;
    const entry = { actorId: null, actorEmail: user.email, ...staffTarget(user, client) };
    await recordAudit(db, { ...entry, action: 'staff.sign_in_failed', details: { reason } });
  }

  const limitTo = (key: string, limit: Limit) =>
    enforceLimit(rateLimits, key, limit, 'Too many sign-in attempts. Try again later.');

  return {
    startSession,
    recordStaffFailure,

    async register(body: RegisterBody, client: ClientInfo): Promise<SignedIn> {
      if (body.password !== body.passwordConfirmation) {
        throw passwordMismatch();
      }
      const confirmation = options.emailConfirmation;
      if (!confirmation) throw new Error('registration needs the email confirmation service');
      const { fullName, email, password, preferredLanguage } = body;
      // One transaction: never an account without its confirmation email, nor an email without its account.
      const user = await users.createUser(
        { fullName, email, password, preferredLanguage, role: 'customer' },
        (tx, created) => confirmation.enqueueLink(tx, created),
      );
      confirmation.wake();
      return startSession(user, client);
    },

    /** The account whose password this is, if it may sign in; the second step is sign-in.service's. */
    async checkPassword(body: SignInBody, client: ClientInfo): Promise<UserRow> {
      const email = normaliseEmail(body.email);
      await limitTo(`sign-in:ip:${client.ip}`, options.signInLimits.perIp);
      await limitTo(`sign-in:account:${sha256(email)}`, options.signInLimits.perAccount);

      const user = await users.findByEmail(email);
      if (!user) {
        await burnPasswordCheck(body.password);
        throw INVALID_CREDENTIALS();
      }
      if (!(await verifyPassword(user.passwordHash, body.password))) {
        await recordStaffFailure(user, client, 'wrong_password');
        throw INVALID_CREDENTIALS();
      }
      // Told only to whoever knows the password, so it reveals nothing to a guesser.
      if (user.status !== 'active') {
        await recordStaffFailure(user, client, user.status);
        throw INACTIVE_ACCOUNT[user.status]();
      }

      await rateLimits.clear(`sign-in:account:${sha256(email)}`);
      return user;
    },

    async signOut(token: string): Promise<void> {
      await sessionsRepo.delete(sha256(token));
    },

    /**
     * The signed-in user for a cookie's token, or undefined when it is unknown, idle or expired; with
     * the staff two-step policy, read in the same query. From the session cache when it holds the token.
     */
    async authenticate(token: string): Promise<{ user: UserRow; staffTotpRequired: boolean } | undefined> {
      const tokenHash = sha256(token);
      const now = options.now();
      const cached = cache?.get(tokenHash);
      // A cached session that looks idle may have been seen by another instance since: read it again.
      if (cached && isLive(cached.session, cached.user, now)) {
        if (touchIsDue(cached.session, now)) {
          await sessionsRepo.touch(tokenHash, now);
          cache?.forgetSession(tokenHash);
        }
        return cached;
      }
      const mark = cache?.mark() ?? 0;
      const found = await sessionsRepo.findWithUser(tokenHash);
      if (!found) return undefined;
      if (!isLive(found.session, found.user, now)) {
        await sessionsRepo.delete(tokenHash);
        return undefined;
      }
      if (touchIsDue(found.session, now)) {
        await sessionsRepo.touch(tokenHash, now);
        found.session.lastSeenAt = now;
      }
      cache?.store(tokenHash, found, mark);
      return found;
    },

    /** Signs the account out everywhere (password changed, account deactivated). */
    signOutEverywhere: (userId: string) => sessionsRepo.deleteForUser(userId),

    /** Changes a password and signs the account out everywhere. */
    async setPassword(userId: string, password: string): Promise<void> {
      await users.setPassword(userId, password);
      await sessionsRepo.deleteForUser(userId);
    },

    /** Housekeeping: forget expired sessions and finished rate-limit windows. */
    async sweep(): Promise<void> {
      const now = options.now();
      await sessionsRepo.deleteExpired(now, new Date(now.getTime() - idleMs));
      await rateLimits.deleteExpired();
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
