import { useTranslation } from 'react-i18next';
import type { ConsentDecision, ErasureStatus } from '../../../contracts/privacy';
import { StatusBadge } from '../../components/StatusBadge';

const DECISION_COLOR = { granted: 'teal', withdrawn: 'red', none: 'gray' } as const;

/** A standing consent decision, or "not asked yet" when there is none. */
export function ConsentDecisionBadge({ decision }: { decision: ConsentDecision | null }) {
  const { t } = useTranslation();
  const key = decision ?? 'none';
  return (
    <StatusBadge color={DECISION_COLOR[key]} label={t(`consent.decision.${key}`)} testId="consent-decision" />
  );
}

const STATUS_COLOR: Record<ErasureStatus, string> = {
  pending: 'yellow',
  completed: 'gray',
  refused: 'red',
  cancelled: 'gray',
};

export function ErasureStatusBadge({ status }: { status: ErasureStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge color={STATUS_COLOR[status]} label={t(`erasureStatus.${status}`)} testId="erasure-status" />
  );
}
