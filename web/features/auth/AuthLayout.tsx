import { Box, Center, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '../../app/layout/Brand';
import { ColorSchemeToggle } from '../../app/layout/ColorSchemeToggle';

/** A narrow centred card for sign-in and invitation pages. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-default-hover)">
      <Group justify="space-between" px="md" py="sm">
        <Brand />
        <ColorSchemeToggle />
      </Group>
      <Center px="sm" pb="xl" component="main" id="main">
        <Paper
          withBorder
          shadow="sm"
          p={{ base: 'md', xs: 'xl' }}
          w="100%"
          maw={wide ? 560 : 440}
          mt={{ base: 'xs', sm: 'xl' }}
        >
          <Stack gap="md">{children}</Stack>
        </Paper>
      </Center>
    </Box>
  );
}
