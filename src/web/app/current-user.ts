import type { UserView } from '../../shared/contracts/auth.js';
import { useSession } from '../api/auth.hooks.js';

/**
 * The signed-in user, for pages rendered inside RequireRole (which only renders them once the
 * session is known and belongs to the page's role).
 */
export function useCurrentUser(): UserView {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser() used outside a signed-in page');
  return data;
}
