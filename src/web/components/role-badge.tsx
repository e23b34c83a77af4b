import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/roles.js';

export const ROLE_COLORS: Record<Role, string> = { customer: 'blue', agent: 'teal', admin: 'grape' };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLORS[role]} variant="light" radius="sm">
      {t(`roles.${role}`)}
    </Badge>
  );
}
