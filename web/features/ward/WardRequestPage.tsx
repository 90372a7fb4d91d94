import { Anchor, Breadcrumbs, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { isMissing, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { DispensedCard } from '../dispensing/DispensedCard';
import { refreshStockFigures } from '../dispensing/medicine';
import { issuedNow } from './issue-picks';
import { IssueForm } from './IssueForm';
import { inTransit, toIssue, useWardRequest, wardRequestKey } from './queries';
import { WardLines } from './WardLines';
import { WardStatusBadge } from './WardStatusBadge';

/** One ward request: what was asked, issued (from which batches) and received, and the next step. */
export default function WardRequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const { can } = useSession();
  const client = useQueryClient();
  const request = useWardRequest(id);
  const [issued, setIssued] = useState<{ before: WardRequest; after: WardRequest } | null>(null);

  if (request.isPending) return <DetailSkeleton />;
  if (request.isError) {
    if (isMissing(request.error)) return <NotFound home="/app/ward-requests" />;
    return <LoadError error={request.error} onRetry={() => void request.refetch()} />;
  }
  const r = request.data;
  const canIssue =
    can('ward-requests:issue') &&
    ['requested', 'partly_issued'].includes(r.status) &&
    r.lines.some((l) => toIssue(l) > 0);
  const canReceive =
    can('ward-requests:create') && r.status !== 'cancelled' && r.lines.some((l) => inTransit(l) > 0);
  const canCancel = can('ward-requests:create') && r.status === 'requested';
  // The rest will not come (the pharmacy is out of it, or the ward no longer needs it): either side
  // may close the request short once everything issued has arrived.
  const canClose =
    (can('ward-requests:create') || can('ward-requests:issue')) &&
    r.status === 'partly_issued' &&
    r.lines.every((l) => inTransit(l) === 0);
  const shortBy = r.lines.filter((l) => toIssue(l) > 0);

  const act = async (step: 'receive' | 'cancel' | 'close', done: string) => {
    const next = await post<WardRequest>(`/api/ward-requests/${r.id}/${step}`, {});
    client.setQueryData(wardRequestKey(r.id), next);
    await client.invalidateQueries({ queryKey: ['ward-requests'] });
    // A receipt puts the units in the ward store: its on-hand figures have changed.
    if (step === 'receive') await refreshStockFigures(client);
    notifySuccess(done);
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/ward-requests" size="sm">
          {t('ward.title')}
        </Anchor>
        <span>{r.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('ward.requestTitle', { number: r.number, store: r.storeName })}
        description={
          <Group gap="xs" component="span">
            <WardStatusBadge status={r.status} />
            {r.status === 'received' && shortBy.length > 0 && <span>{t('ward.closedShort')}</span>}
            <span>
              {t('ward.requestedBy', { name: r.requestedByName ?? '—', date: f.dateTime(r.requestedAt) })}
            </span>
            {r.issuedAt && <span>{t('ward.issuedOn', { date: f.dateTime(r.issuedAt) })}</span>}
            {r.receivedAt && <span>{t('ward.receivedOn', { date: f.dateTime(r.receivedAt) })}</span>}
          </Group>
        }
        actions={
          <>
            {canReceive && (
              <ConfirmButton
                title={t('ward.receiveTitle', { number: r.number })}
                message={t('ward.receiveMessage', { store: r.storeName })}
                confirmLabel={t('ward.receive')}
                onConfirm={() => act('receive', t('ward.received', { number: r.number }))}
              >
                {t('ward.receive')}
              </ConfirmButton>
            )}
            {canClose && (
              <ConfirmButton
                variant="default"
                title={t('ward.closeTitle', { number: r.number })}
                message={t('ward.closeMessage', {
                  items: shortBy.map((l) => `${l.medicineName} × ${f.number(toIssue(l))}`).join(', '),
                  store: r.storeName,
                })}
                confirmLabel={t('ward.close')}
                onConfirm={() => act('close', t('ward.closed', { number: r.number }))}
              >
                {t('ward.close')}
              </ConfirmButton>
            )}
            {canCancel && (
              <ConfirmButton
                variant="subtle"
                color="red"
                title={t('ward.cancelTitle', { number: r.number })}
                message={t('ward.cancelMessage')}
                confirmLabel={t('ward.cancel')}
                destructive
                onConfirm={() => act('cancel', t('ward.cancelled', { number: r.number }))}
              >
                {t('ward.cancel')}
              </ConfirmButton>
            )}
          </>
        }
      />
      <Stack>
        {issued?.after.id === r.id && (
          <DispensedCard
            title={t('ward.pickTitle')}
            at={issued.after.issuedAt ?? undefined}
            lines={issuedNow(issued.before.lines, issued.after.lines)}
          />
        )}
        <Card>
          <Title order={2} fz="h4" mb="sm">
            {t('ward.items')}
          </Title>
          <WardLines request={r} />
          {r.note && (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <Text span fw={500}>
                {t('ward.note')}:{' '}
              </Text>
              {r.note}
            </Text>
          )}
        </Card>
        {canIssue && <IssueForm request={r} onIssued={(after) => setIssued({ before: r, after })} />}
      </Stack>
    </>
  );
}
