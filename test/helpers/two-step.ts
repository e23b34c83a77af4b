import type { LightMyRequestResponse } from 'fastify';
import { call, type TestContext } from './app.js';
import type { SmtpReceiver } from './smtp-receiver.js';
import { waitFor } from './smtp-receiver.js';

/**
 * A browser talking to the API: it keeps the cookies the app sets (session, device, sign-in challenge)
 * and sends them back, from its own address and User-Agent (the app must trust the proxy for the address).
 */
export interface ApiBrowser {
  ip: string;
  userAgent: string;
  cookies: Map<string, string>;
  send(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

let addresses = 0;

export function apiBrowser(
  context: TestContext,
  options: { ip?: string; userAgent?: string } = {},
): ApiBrowser {
  const ip = options.ip ?? `198.51.${Math.floor(++addresses / 250) % 250}.${(addresses % 250) + 1}`;
  const userAgent = options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
  const cookies = new Map<string, string>();
  return {
    ip,
    userAgent,
    cookies,
    async send(method, url, body) {
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await call(context.app, method, url, body, {
        ...(cookie ? { cookie } : {}),
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
      for (const set of response.cookies) {
        const cleared =
          set.value === '' || (set.expires !== undefined && set.expires.getTime() <= Date.now());
        if (cleared) cookies.delete(set.name);
        else cookies.set(set.name, set.value);
      }
      return response;
    },
  };
}

/** The 6-digit code of the latest sign-in code email to `address` after `after` emails had arrived. */
export async function signInCodeFor(receiver: SmtpReceiver, address: string, after = 0): Promise<string> {
  const codes = () =>
    receiver.received
      .slice(after)
      .filter((r) => r.rcptTo.includes(address))
      .map((r) => /^ {4}(\d{6})$/m.exec(r.mail.text ?? '')?.[1])
      .filter((code): code is string => code !== undefined);
  await waitFor(() => codes().length > 0);
  return codes().at(-1) ?? '';
}
