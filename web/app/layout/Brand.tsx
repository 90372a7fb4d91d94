import { Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The Hospitium mark and name, linking home. */
export function Brand({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to={to} aria-label={t('app.homeLink')}>
      <Group gap={8} wrap="nowrap">
        <ThemeIcon size={30} radius="md" aria-hidden>
          <IconPlus size={20} stroke={3} />
        </ThemeIcon>
        <Text fw={700} fz="lg">
          {t('app.name')}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
