import { Button, Center, EmptyState } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** A page that failed to load or render: most often a new version was deployed and old code is gone. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const chunkMissing =
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <Center py={64} px="md">
      <EmptyState
        icon={<IconRefresh size={32} aria-hidden />}
        withIndicatorBackground
        title={chunkMissing ? t('routeError.newVersionTitle') : t('routeError.title')}
        description={chunkMissing ? t('routeError.newVersionBody') : t('routeError.body')}
      >
        <EmptyState.Actions>
          <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
