import type { Database, Unlisten } from '../../db/connection.js';
import type { SessionRow, UserRow } from '../../db/schema.js';

/** What a session cookie signs in as: the session, its user and the staff two-step policy. */
export interface SignIn {
  session: SessionRow;
  user: UserRow;
  staffTotpRequired: boolean;
}

/** The channel migration 0014's triggers notify: a user's id, or '*' for everyone. */
export const SIGN_INS_CHANGED_CHANNEL = 'ccr_sign_ins';
export const EVERYONE = '*';

export interface SessionCacheOptions {
  /** How long a session read from the database is used without reading it again. */
  ttlMs: number;
  /** Sessions kept at most; the oldest is dropped first. */
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  signIn: SignIn;
  storedAt: number;
}

/** The caches of this process, told at once of the changes this process makes (see signInsChanged). */
const caches = new Set<SessionCache>();

/**
 * This process changed a user's sign-in (`'*'`: everyone's): every cache of the process forgets it
 * now, so the next request of the same client sees the change. Other instances hear of it from the
 * triggers of migration 0014 as the change commits; those triggers are what makes the cache safe, and
 * this call only spares this instance the few milliseconds a notification takes.
 */
export function signInsChanged(userId: string): void {
  for (const cache of caches) cache.forget(userId);
}

/** This process ended a session: every cache of the process forgets it now. */
export function sessionEnded(tokenHash: string): void {
  for (const cache of caches) cache.forgetSession(tokenHash);
}

/**
 * Sessions read in the last few seconds, so a signed-in request needs no session query. Used only
 * while this instance listens to the database's notifications of ended sessions and changed accounts:
 * a sign-out, a deactivation or a password change anywhere reaches every instance as it commits. When
 * the listening connection is lost, the cache is emptied and unused until it is back.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Counts forgettings: a read that began before one may hold what was forgotten, so is not kept. */
  private generation = 0;
  private listening = false;
  private unlisten: Unlisten | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SessionCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(database: Database): Promise<void> {
    caches.add(this);
    this.unlisten = await database.listen(
      [SIGN_INS_CHANGED_CHANNEL],
      (_channel, payload) => this.forget(payload),
      {
        onLost: () => this.setListening(false),
        onReconnect: () => this.setListening(true),
      },
    );
    this.setListening(true);
  }

  async stop(): Promise<void> {
    caches.delete(this);
    this.setListening(false);
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** Taken before reading a session from the database, for store(). */
  mark(): number {
    return this.generation;
  }

  get(tokenHash: string): SignIn | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (!this.listening || this.now() - entry.storedAt >= this.options.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.signIn;
  }

  /** Keeps what was read, unless something was forgotten since `mark` (it may be what was read). */
  store(tokenHash: string, signIn: SignIn, mark: number): void {
    if (!this.listening || mark !== this.generation || this.options.ttlMs <= 0) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    // Frozen: requests share it, and none may change what another sees.
    Object.freeze(signIn.session);
    Object.freeze(signIn.user);
    this.entries.set(tokenHash, { signIn: Object.freeze(signIn), storedAt: this.now() });
  }

  /** Forgets a session (it ended, or its last-seen time was just moved). */
  forgetSession(tokenHash: string): void {
    this.generation++;
    this.entries.delete(tokenHash);
  }

  /** Forgets a user's sessions, or everyone's for '*'. */
  forget(userId: string): void {
    this.generation++;
    if (userId === EVERYONE) {
      this.entries.clear();
      return;
    }
    for (const [tokenHash, entry] of this.entries) {
      if (entry.signIn.user.id === userId) this.entries.delete(tokenHash);
    }
  }

  private setListening(listening: boolean): void {
    this.generation++;
    this.listening = listening;
    if (!listening) this.entries.clear();
  }
}
