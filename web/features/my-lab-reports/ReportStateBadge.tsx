import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import type { ReportState } from '../lab/lab-results';

const COLOR: Record<ReportState, string> = {
  awaiting_sample: 'blue',
  in_progress: 'violet',
  partial: 'cyan',
  ready: 'teal',
  cancelled: 'gray',
};

/** Where a patient's lab order (or, `ofTest`, one test of it) stands, in their words. */
export function ReportStateBadge({
  state,
  ofTest = false,
  testId,
}: {
  state: ReportState;
  ofTest?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const label =
    ofTest && state !== 'partial' ? t(`myLabReports.testStates.${state}`) : t(`myLabReports.states.${state}`);
  return <StatusBadge color={COLOR[state]} label={label} testId={testId} />;
}
