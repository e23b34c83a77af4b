import { randomBytes } from 'node:crypto';
import { TRUSTED_DEVICE_DAYS } from '../../../shared/contracts/auth.js';
import type { DevicePage, ListDevicesQuery } from '../../../shared/contracts/account.js';
import type { Db } from '../../db/connection.js';
import { notFound } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { createAppSettingsRepo } from '../../security/app-settings.repo.js';
import { newToken, sha256 } from '../../security/tokens.js';
import type { ClientInfo } from '../auth/auth.service.js';
import { readDeviceCookie, signDeviceToken } from './device-cookie.js';
import { createDevicesRepo } from './devices.repo.js';
import { toDeviceView } from './devices.view.js';

/** The HMAC key of device cookies, in app_settings so that every instance signs alike. */
export const DEVICE_KEY_SETTING = 'device_cookie_key';
const KEY_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RememberedDevice {
  /** The signed cookie value to send to the browser. */
  cookie: string;
  tokenHash: string;
  expiresAt: Date;
}

/** Browsers that passed two-step verification for an account, and the signed cookie that names them. */
export function createDevicesService(db: Db, options: { now: () => Date }) {
  const repo = createDevicesRepo(db);
  const settings = createAppSettingsRepo(db);
  let key: Promise<Buffer> | undefined;

  async function loadKey(): Promise<Buffer> {
    const stored = await settings.getOrCreate(DEVICE_KEY_SETTING, randomBytes(KEY_BYTES).toString('base64'));
    const buffer = typeof stored === 'string' ? Buffer.from(stored, 'base64') : Buffer.alloc(0);
    if (buffer.length !== KEY_BYTES)
      throw new Error(`app_settings.${DEVICE_KEY_SETTING} is not a 32-byte key`);
    return buffer;
  }

  function cookieKey(): Promise<Buffer> {
    key ??= loadKey().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  }

  /** The device token of a cookie whose signature is right. */
  const tokenOf = async (cookie: string | undefined): Promise<string | undefined> =>
    cookie ? readDeviceCookie(await cookieKey(), cookie) : undefined;

  return {
    /** Whether this browser is remembered for the account (and not expired); notes the use. */
    async isTrusted(cookie: string | undefined, userId: string): Promise<boolean> {
      const token = await tokenOf(cookie);
      if (!token) return false;
      const now = options.now();
      const device = await repo.findLive(sha256(token), userId, now);
      if (!device) return false;
      await repo.touch(device.id, now);
      return true;
    },

    /**
     * Remembers this browser for the account for TRUSTED_DEVICE_DAYS. A browser keeps its token: a
     * second account verified on it gets its own row with the same token.
     */
    async remember(
      userId: string,
      client: ClientInfo,
      cookie: string | undefined,
    ): Promise<RememberedDevice> {
      const token = (await tokenOf(cookie)) ?? newToken();
      const tokenHash = sha256(token);
      const now = options.now();
      const expiresAt = new Date(now.getTime() + TRUSTED_DEVICE_DAYS * 86_400_000);
      await repo.upsert({
        tokenHash,
        userId,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        ip: client.ip,
        now,
        expiresAt,
      });
      return { cookie: signDeviceToken(await cookieKey(), token), tokenHash, expiresAt };
    },

    /** Forgets every other browser of the account (after a password reset). */
    forgetOthers: (userId: string, keepTokenHash: string) => repo.deleteOthersForUser(userId, keepTokenHash),

    async list(userId: string, cookie: string | undefined, query: ListDevicesQuery): Promise<DevicePage> {
      const limit = query.limit ?? 25;
      const rows = await repo.pageForUser(userId, options.now(), limit + 1, decodeCursor(query.cursor));
      const token = await tokenOf(cookie);
      const currentHash = token ? sha256(token) : undefined;
      return toPage(
        rows,
        limit,
        (row) => toDeviceView(row, currentHash),
        (row) => ({ createdAt: row.lastUsedAt, id: row.id }),
      );
    },

    /**
     * Forgets one of the caller's devices (another's id: 404). Answers whether this browser's cookie
     * should go: it was this browser and no other account still trusts it.
     */
    async revoke(userId: string, cookie: string | undefined, id: string): Promise<{ clearCookie: boolean }> {
      const deleted = UUID.test(id) ? await repo.deleteByIdForUser(userId, id) : undefined;
      if (!deleted) throw notFound('Device');
      const token = await tokenOf(cookie);
      const wasCurrent = token !== undefined && sha256(token) === deleted;
      return { clearCookie: wasCurrent && !(await repo.tokenInUse(deleted)) };
    },

    /** Housekeeping: forget expired devices. */
    sweep: () => repo.deleteExpired(options.now()),
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
