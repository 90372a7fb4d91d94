import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsentEntry } from '../../../contracts/privacy';
import { DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { ConsentDecisionBadge } from './ConsentBadges';

const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/** Every consent decision, newest first: when, what, how it was given, where and by whom. */
export function ConsentHistory({ history }: { history: ConsentEntry[] }) {
  const { t } = useTranslation();
  const columns: Column<ConsentEntry>[] = [
    { key: 'when', header: t('consent.history.when'), cell: (e) => <DateTime iso={e.recordedAt} /> },
    {
      key: 'purpose',
      header: t('consent.history.purpose'),
      cell: (e) => (
        <div>
          <Text size="sm">{t(`consent.purposes.${e.purpose}.title`)}</Text>
          {e.note && (
            <Text size="xs" c="dimmed" style={wrap}>
              {t('consent.history.note', { note: e.note })}
            </Text>
          )}
        </div>
      ),
      wide: true,
    },
    {
      key: 'decision',
      header: t('consent.history.decision'),
      cell: (e) => <ConsentDecisionBadge decision={e.decision} />,
      nowrap: true,
    },
    {
      key: 'how',
      header: t('consent.history.how'),
      cell: (e) => <Text size="sm">{t(`consent.methods.${e.method}`)}</Text>,
    },
    {
      key: 'where',
      header: t('consent.history.where'),
      cell: (e) => <Text size="sm">{e.hospitalName ?? t('consent.history.online')}</Text>,
      visibleFrom: 'sm',
    },
    {
      key: 'who',
      header: t('consent.history.who'),
      cell: (e) => <Text size="sm">{e.recordedByName ?? '—'}</Text>,
      visibleFrom: 'sm',
    },
  ];
  return (
    <DataTable
      caption={t('consent.history.caption')}
      columns={columns}
      rows={history}
      rowKey={(e) => e.id}
      alignTop
      empty={
        <Text size="sm" c="dimmed">
          {t('consent.history.empty')}
        </Text>
      }
    />
  );
}
