import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExpiryState } from '../../../contracts/pharmacy';
import { EXPIRY_COLOR } from '../stock/expiry';

/** How soon a batch expires, in words and a colour the stock screens share. */
export function ExpiryBadge({ state }: { state: ExpiryState }) {
  const { t } = useTranslation();
  return (
    <Badge color={EXPIRY_COLOR[state]} variant={state === 'expired' ? 'filled' : 'light'} tt="none">
      {t(`expiry.${state}`)}
    </Badge>
  );
}
