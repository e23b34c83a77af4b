import { AppShell, Burger, Container, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/contracts/auth.js';
import { HOME_PATH } from '../../../shared/roles.js';
import { Brand } from '../../components/brand.js';
import { ConfirmEmailBanner } from '../../components/confirm-email-banner.js';
import { LanguageSwitcher } from '../../components/language-switcher.js';
import responsive from '../../components/responsive.module.css';
import { useTotpSetupRequired } from '../../api/auth.hooks.js';
import { RoleNav } from './role-nav.js';
import classes from './shell.module.css';
import { UserMenu } from './user-menu.js';
import { LiveStatusIndicator } from '../../live/live-status.js';

const NAVBAR_ID = 'app-navigation';

/**
 * The signed-in frame: header (product, language, user menu), side navigation for the user's role
 * (a drawer behind the burger on phones) and the page.
 */
export function RoleShell({ user, children }: { user: UserView; children: ReactNode }) {
  const { t } = useTranslation();
  const totpSetupRequired = useTotpSetupRequired();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const burger = useRef<HTMLButtonElement>(null);
  // A closed drawer is only moved off screen: keep its links out of the keyboard's way.
  const navHidden = isPhone && !opened;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className={responsive.skipLink}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              ref={burger}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              aria-controls={NAVBAR_ID}
            />
            <Brand to={HOME_PATH[user.role]} compact />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LiveStatusIndicator />
            <LanguageSwitcher />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id={NAVBAR_ID}
        p="sm"
        aria-label={t('nav.label')}
        inert={navHidden}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && isPhone && opened) {
            close();
            burger.current?.focus();
          }
        }}
      >
        {/* Nothing there works until the required authenticator app is set up. */}
        {totpSetupRequired ? null : <RoleNav role={user.role} onNavigate={close} />}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Container size="lg" px={0}>
          {user.role === 'customer' && !user.emailConfirmed ? <ConfirmEmailBanner user={user} /> : null}
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
