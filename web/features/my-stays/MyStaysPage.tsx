import { EmptyState, Skeleton, Stack } from '@mantine/core';
import { IconBedFlat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TablePager } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/PagedList';
import { useMyStays } from './queries';
import { ReservedForYou } from './ReservedForYou';
import { StayCard } from './StayCard';
import { OnClockOf } from '../../components/DateTime';

const PAGE_SIZE = 10;

/** The patient's stays in hospital at every hospital, newest first, each with its discharge summary. */
export default function MyStaysPage() {
  const { t } = useTranslation();
  const { page, set } = useListParams();
  const list = useMyStays(page, PAGE_SIZE);
  return (
    <>
      <PageHeader title={t('myStays.title')} description={t('myStays.description')} />
      <Stack maw={900} aria-live="polite" aria-busy={list.isFetching}>
        <ReservedForYou />
        {list.isPending && (
          <Stack gap="sm" aria-busy>
            <Skeleton h={120} />
            <Skeleton h={120} />
          </Stack>
        )}
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <EmptyState
            icon={<IconBedFlat size={28} aria-hidden />}
            withIndicatorBackground
            title={t('myStays.emptyTitle')}
            description={t('myStays.emptyBody')}
            py="xl"
            data-testid="my-stays-empty"
          />
        )}
        {list.data?.items.map((s) => (
          // Each stay reads on its hospital's clock.
          <OnClockOf key={s.id} zone={s.timeZone}>
            <StayCard stay={s} />
          </OnClockOf>
        ))}
        {list.data && (
          <TablePager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(p) => set('page', String(p))}
          />
        )}
      </Stack>
    </>
  );
}
