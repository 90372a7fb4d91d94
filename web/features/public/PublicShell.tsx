import { Box, Button, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Brand } from '../../app/layout/Brand';
import { ColorSchemeToggle } from '../../app/layout/ColorSchemeToggle';
import { useMe } from '../../lib/session';

/** Header and footer of the public pages (landing, doctor directory). */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Box mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box
        component="header"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap">
            <Brand />
            <Group gap="xs" wrap="nowrap">
              <Button component={Link} to="/doctors" variant="subtle" visibleFrom="xs">
                {t('landing.findDoctor')}
              </Button>
              <ColorSchemeToggle />
              {me.data ? (
                <Button component={Link} to="/app">
                  {t('landing.openApp')}
                </Button>
              ) : (
                <Button component={Link} to="/sign-in">
                  {t('landing.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main" style={{ flex: 1 }}>
        {children}
      </Box>
      <Box component="footer" py="lg" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Container size="lg">
          <Text size="sm" c="dimmed">
            {t('landing.footer')}
          </Text>
        </Container>
      </Box>
    </Box>
  );
}
