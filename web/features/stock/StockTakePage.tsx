import { Anchor, Breadcrumbs, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { CountingView } from './CountingView';
import { useStockTake } from './queries';
import { ReviewView } from './ReviewView';
import { StockTakeStatusBadge } from './StockTakeStatusBadge';

/** One stock take: the blind count while it is open, then the review of differences. */
export default function StockTakePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const blind = useStockTake(id, false);
  const status = blind.data?.status;
  const reviewing = status !== undefined && (status !== 'counting' || params.get('view') === 'review');
  const revealed = useStockTake(id, true, reviewing);

  if (blind.isPending) return <DetailSkeleton />;
  if (blind.isError) {
    if (blind.error instanceof ApiError && (blind.error.status === 404 || blind.error.status === 400))
      return <NotFound home="/app/stock-takes" />;
    return <LoadError error={blind.error} onRetry={() => void blind.refetch()} />;
  }
  const take = blind.data;
  const name = t('stockTake.nameOf', { store: take.storeName, date: f.day(take.startedAt) });
  const setView = (view: 'review' | null) => setParams(view ? { view } : {}, { replace: false });

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/stock-takes" size="sm">
          {t('stockTake.title')}
        </Anchor>
        <span>{name}</span>
      </Breadcrumbs>
      <PageHeader
        title={reviewing ? t('stockTake.reviewTitle', { name }) : name}
        description={
          <Group gap="xs" component="span">
            <StockTakeStatusBadge status={take.status} />
            <Text span size="sm">
              {t('stockTake.startedBy', { when: f.dateTime(take.startedAt), who: take.startedByName ?? '—' })}
            </Text>
          </Group>
        }
      />
      {!reviewing ? (
        <CountingView take={take} onReview={() => setView('review')} />
      ) : revealed.isPending ? (
        <DetailSkeleton />
      ) : revealed.isError ? (
        <LoadError error={revealed.error} onRetry={() => void revealed.refetch()} />
      ) : (
        <ReviewView key={revealed.data.status} take={revealed.data} onBack={() => setView(null)} />
      )}
    </>
  );
}
