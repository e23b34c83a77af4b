import { Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LogoMark } from './icons.js';
import classes from './brand.module.css';

/** Logo and product name; a link home in the app header (`compact`: two lines, no logo, on phones). */
export function Brand({ to, compact = false }: { to?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const content = (
    <Group gap={10} wrap="nowrap" className={compact ? classes.compact : undefined}>
      <span className={classes.mark}>
        <LogoMark />
      </span>
      <Text component="span" fw={700} className={classes.name}>
        {t('app.name')}
      </Text>
    </Group>
  );
  if (!to) return content;
  return (
    <UnstyledButton component={Link} to={to} className={classes.link}>
      {content}
    </UnstyledButton>
  );
}
