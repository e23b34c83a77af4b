import { Type, type Static } from 'typebox';
import { ROLES } from '../roles.js';
import { pageQuery, Nullable } from './common.js';
import { UserView } from './auth.js';

export const AdminOverview = Type.Object({
  accounts: Type.Object({
    customer: Type.Integer(),
    agent: Type.Integer(),
    admin: Type.Integer(),
  }),
  /** Agents who asked to join and wait for an answer. */
  pendingAgentRequests: Type.Integer(),
});
export type AdminOverview = Static<typeof AdminOverview>;

export const ListUsersQuery = pageQuery({
  role: Type.Optional(Type.Enum([...ROLES])),
});
export type ListUsersQuery = Static<typeof ListUsersQuery>;

export const UserPage = Type.Object({
  items: Type.Array(UserView),
  nextCursor: Nullable(Type.String()),
});
export type UserPage = Static<typeof UserPage>;
