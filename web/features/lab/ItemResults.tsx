import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LabOrderItem } from '../../../contracts/lab-orders';
import { useFormat } from '../../lib/format';
import { ItemCorrections } from './ItemCorrections';
import { ResultsTable } from './ResultsTable';

/**
 * One test's results as recorded: the table, the technician's remark, who entered them and when,
 * and who verified them (or that they still wait for a second person); then their corrections.
 */
export function ItemResults({ item }: { item: LabOrderItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (item.results.length === 0) return null;
  return (
    <Stack gap={4} data-testid="item-results">
      <ResultsTable results={item.results} caption={t('labResults.caption', { name: item.name })} />
      {item.resultComment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            {t('labResults.remark')}:{' '}
          </Text>
          {item.resultComment}
        </Text>
      )}
      {item.resultedAt && (
        <Text size="xs" c="dimmed" data-testid="resulted-by">
          {t('labResults.enteredBy', {
            name: item.resultedBy?.name ?? '',
            at: f.dateTime(item.resultedAt),
          })}
        </Text>
      )}
      <Text
        size="xs"
        c={item.verifiedAt ? 'dimmed' : 'var(--mantine-color-violet-light-color)'}
        fw={item.verifiedAt ? undefined : 500}
        data-testid="verified-by"
      >
        {item.verifiedAt
          ? t('labResults.verifiedBy', {
              name: item.verifiedBy?.name ?? '',
              at: f.dateTime(item.verifiedAt),
            })
          : t('labResults.awaitingVerification')}
      </Text>
      <ItemCorrections item={item} />
    </Stack>
  );
}
