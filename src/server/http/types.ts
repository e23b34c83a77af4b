import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Role } from '../../shared/roles.js';
import type { UserRow } from '../db/schema.js';

/** The Fastify instance every route module receives, with TypeBox inference. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Who may call a route; every /api/v1 route must say. `public`: anyone; `signed-in`: any role;
 * a list of roles: only those.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * `false` exempts a public route from the CSRF check. Only for endpoints that other servers POST
     * to without our header (RFC 8058 one-click unsubscribe); the app refuses it on any other route.
     */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user, set by the access guard; null for anonymous callers. */
    user: UserRow | null;
    /** The session token from the cookie, when there is one. */
    sessionToken: string | undefined;
    /** The staff two-step policy, read with the session (undefined without one). */
    staffTotpRequired: boolean | undefined;
  }
}
