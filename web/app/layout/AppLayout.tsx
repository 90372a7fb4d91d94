import {
  Alert,
  Anchor,
  AppShell,
  Box,
  Burger,
  Container,
  Group,
  NavLink,
  ScrollArea,
  Stack,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldLock } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { browserTimeZone, TimeZoneContext } from '../../lib/format';
import { useSession } from '../../lib/session';
import { NAV } from '../nav';
import { Brand } from './Brand';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { HospitalSwitcher } from './HospitalSwitcher';
import { UserMenu } from './UserMenu';
import { PageLoader } from '../PageLoader';
import classes from './AppLayout.module.css';

/** The signed-in shell: header with hospital switcher and account menu, navigation built from permissions. */
export default function AppLayout() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  // Times read on the hospital's clock (the active one's, or the patient's hospitals'), else the device's.
  const timeZone = me.timeZone ?? browserTimeZone;
  const items = NAV.filter((n) => !n.anyOf || can(...n.anyOf));

  return (
    <TimeZoneContext.Provider value={timeZone}>
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'md', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                aria-label={t('shell.toggleNavigation')}
              />
              <Brand to="/app" />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Box visibleFrom="md">
                <HospitalSwitcher />
              </Box>
              <NotificationBell />
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
          <Box hiddenFrom="md" p="xs" pb="md">
            <HospitalSwitcher />
          </Box>
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {items.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterNavLink}
                  to={item.to}
                  end={item.end}
                  label={t(`nav.${item.label}`)}
                  leftSection={<item.icon size={18} aria-hidden />}
                  active={item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)}
                  onClick={close}
                  data-testid={`nav-${item.label}`}
                />
              ))}
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <Container size="xl" px={0}>
            {me.twoFactorRequired && (
              <Alert
                color="orange"
                icon={<IconShieldLock aria-hidden />}
                mb="md"
                title={t('shell.twoFactorTitle')}
              >
                {t('shell.twoFactorBody')}{' '}
                <Anchor component={Link} to="/app/profile">
                  {t('shell.profile')}
                </Anchor>
              </Alert>
            )}
            <Suspense fallback={<PageLoader />}>
              <Outlet />
            </Suspense>
          </Container>
        </AppShell.Main>
      </AppShell>
    </TimeZoneContext.Provider>
  );
}
