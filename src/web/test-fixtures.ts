import type { UserView } from '../shared/contracts/auth.js';
import type { Role } from '../shared/roles.js';
import { jsonResponse } from './test-utils.js';

export function aUser(role: Role, overrides: Partial<UserView> = {}): UserView {
  const names: Record<Role, string> = { customer: 'Asha Rao', agent: 'Vikram Iyer', admin: 'Meena Pillai' };
  return {
    id: `${role}-1`,
    fullName: names[role],
    email: `${role}@example.com`,
    role,
    preferredLanguage: 'en',
    emailConfirmed: true,
    totpEnabled: false,
    createdAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  };
}

export const sessionResponse = (user: UserView | null) =>
  user
    ? jsonResponse(200, { user })
    : jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue' } });
