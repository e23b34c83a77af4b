import { NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { SavedFilterParams } from '../../../shared/contracts/saved-filters.js';
import type { Role } from '../../../shared/roles.js';
import { useSavedFilters } from '../../api/saved-filters.hooks.js';

/** Where a saved filter opens: the role's main ticket list. */
export const listPathFor = (role: Role): string => (role === 'admin' ? '/admin/tickets' : '/agent');

export function savedFilterHref(role: Role, filters: SavedFilterParams): string {
  const search = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();
  return `${listPathFor(role)}${search ? `?${search}` : ''}`;
}

/** Staff's pinned saved filters under the navigation, each opening its list with those filters. */
export function PinnedFilters({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const filters = useSavedFilters(role !== 'customer');
  const pinned = (filters.data?.items ?? []).filter((filter) => filter.pinned);
  if (role === 'customer') return null;
  const managePath = `/${role}/saved-filters`;
  return (
    <Stack gap={4} mt="md" component="section" aria-label={t('savedFilters.navLabel')}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm">
        {t('savedFilters.navLabel')}
      </Text>
      {pinned.map((filter) => {
        const href = savedFilterHref(role, filter.filters);
        const current = `${pathname}${search}` === href;
        return (
          <NavLink
            key={filter.id}
            component={Link}
            to={href}
            label={filter.name}
            active={current}
            aria-current={current ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
      <NavLink
        component={Link}
        to={managePath}
        label={t('savedFilters.manage')}
        active={pathname === managePath}
        aria-current={pathname === managePath ? 'page' : undefined}
        onClick={onNavigate}
        variant="subtle"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    </Stack>
  );
}
