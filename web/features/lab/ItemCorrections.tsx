import { Alert, Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LabOrderItem } from '../../../contracts/lab-orders';
import { useFormat } from '../../lib/format';
import { ResultsTable } from './ResultsTable';

/**
 * A test's corrections (ADR 35): the one waiting for a second person, with its values (staff only:
 * the patient's view never has it), then each released one, newest first, with its reason, who
 * entered and released it, and the results it replaced behind a disclosure.
 */
export function ItemCorrections({ item }: { item: LabOrderItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pending = item.pendingAmendment;
  if (!pending && item.amendments.length === 0) return null;
  return (
    <Stack gap={6} data-testid="item-corrections">
      {pending && (
        <Alert
          color="violet"
          variant="light"
          p="xs"
          title={t('labCorrections.pendingTitle')}
          data-testid="pending-correction"
        >
          <Stack gap={4}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('labCorrections.pendingBy', {
                name: pending.enteredBy.name,
                at: f.dateTime(pending.enteredAt),
                reason: pending.reason,
              })}
            </Text>
            <ResultsTable results={pending.results} caption={t('labCorrections.pendingTitle')} />
          </Stack>
        </Alert>
      )}
      {[...item.amendments].reverse().map((a) => (
        <Stack key={a.version} gap={2} data-testid="correction">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Badge size="xs" color="orange" variant="light" mr={6} component="span">
              {t('labCorrections.correctedBadge')}
            </Badge>
            {t('labCorrections.correctedOn', {
              at: f.dateTime(a.releasedAt),
              released: a.releasedBy.name,
              entered: a.enteredBy.name,
              reason: a.reason,
            })}
          </Text>
          <details>
            <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>
              {t('labCorrections.replacedValues', { at: f.dateTime(a.releasedAt) })}
            </summary>
            <ResultsTable
              results={a.superseded.results}
              caption={t('labCorrections.replacedCaption', { name: item.name, at: f.dateTime(a.releasedAt) })}
            />
            {a.superseded.comment && (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {t('labResults.remark')}: {a.superseded.comment}
              </Text>
            )}
          </details>
        </Stack>
      ))}
    </Stack>
  );
}
