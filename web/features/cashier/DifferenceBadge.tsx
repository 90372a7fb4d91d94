import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { CASH_STATE_COLOR, cashState } from './cash-closing';

/** A cash difference in words and colour: short (red), over (orange) or none (green). */
export function DifferenceBadge({
  differenceMinor,
  currency,
  size = 'md',
}: {
  differenceMinor: number;
  currency: string;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const state = cashState(differenceMinor);
  return (
    <Badge
      color={CASH_STATE_COLOR[state]}
      variant="light"
      tt="none"
      size={size}
      data-testid="cash-difference"
    >
      {t(`cashClosing.state.${state}`, { amount: f.money(Math.abs(differenceMinor), currency) })}
    </Badge>
  );
}
