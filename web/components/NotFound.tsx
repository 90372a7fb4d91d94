import { Button, Center, EmptyState } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * One page for "no such page" and "not yours to see": telling them apart would tell a patient which
 * admin pages exist.
 */
export function NotFound({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('notFound.title')} · ${t('app.name')}`);
  return (
    <Center py={64} px="md">
      <EmptyState
        icon={<IconMapOff size={32} aria-hidden />}
        withIndicatorBackground
        title={t('notFound.title')}
        description={t('notFound.description')}
        data-testid="not-found"
      >
        <EmptyState.Actions>
          <Button component={Link} to={home}>
            {t('notFound.home')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
