import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LabItemStatus, LabOrderStatus, LabPriority } from '../../../contracts/lab-orders';
import type { ResultFlag } from '../../../contracts/lab-results';
import { StatusBadge } from '../../components/StatusBadge';

const COLOR: Record<LabOrderStatus | LabItemStatus, string> = {
  awaiting_sample: 'blue',
  collected: 'cyan',
  resulted: 'violet',
  verified: 'teal',
  reported: 'teal',
  cancelled: 'gray',
};

/** Where an order, or one of its samples, stands. */
export function LabStatusBadge({
  status,
  testId,
}: {
  status: LabOrderStatus | LabItemStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  return <StatusBadge color={COLOR[status]} label={t(`labOrders.status.${status}`)} testId={testId} />;
}

/** "Urgent" in red; a routine order shows nothing. */
export function UrgentBadge({ priority }: { priority: LabPriority }) {
  const { t } = useTranslation();
  if (priority !== 'urgent') return null;
  return (
    <Badge color="red" variant="filled" tt="none" style={{ whiteSpace: 'nowrap' }} data-testid="urgent">
      {t('labOrders.urgent')}
    </Badge>
  );
}

const FLAG_COLOR: Record<Exclude<ResultFlag, 'normal'>, string> = {
  low: 'orange',
  high: 'orange',
  critical_low: 'red',
  critical_high: 'red',
};

/**
 * A result's flag: Low and High outlined in orange, the critical ones filled red (each readable on
 * the tinted row it marks); a normal value shows
 * nothing, or a quiet "Normal" where the reader is checking each value (the results form).
 */
export function FlagBadge({
  flag,
  showNormal = false,
  testId,
}: {
  flag: ResultFlag | null;
  showNormal?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!flag) return null;
  if (flag === 'normal') {
    if (!showNormal) return null;
    return (
      <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
        {t('labResults.flags.normal')}
      </Text>
    );
  }
  return (
    <Badge
      color={FLAG_COLOR[flag]}
      variant={flag.startsWith('critical') ? 'filled' : 'outline'}
      tt="none"
      style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      data-testid={testId}
    >
      {t(`labResults.flags.${flag}`)}
    </Badge>
  );
}
