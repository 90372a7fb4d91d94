import { Alert, Button, Card, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconShoppingBagCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { Amounts } from '../../lib/pricing';
import { TotalsTable } from '../dispensing/TotalsTable';

export interface Fulfilment {
  how: 'pickup' | 'delivery';
  address: string;
}

/** Pickup or delivery, the total to pay, and placing the order. */
export function CheckoutPanel({
  hospitalName,
  fulfilment,
  onFulfilment,
  addressError,
  totals,
  currency,
  busy,
  disabled,
  error,
  onPlace,
}: {
  hospitalName: string;
  fulfilment: Fulfilment;
  onFulfilment: (f: Fulfilment) => void;
  addressError: string | null;
  totals: Amounts;
  currency: string;
  busy: boolean;
  disabled: boolean;
  error: ReactNode;
  onPlace: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card>
      <Stack>
        <Title order={2} fz="h4">
          {t('cart.checkout')}
        </Title>
        <Radio.Group
          label={t('cart.how')}
          value={fulfilment.how}
          onChange={(v) => onFulfilment({ ...fulfilment, how: v as Fulfilment['how'] })}
        >
          <Stack gap="xs" mt="xs">
            <Radio
              value="pickup"
              label={t('cart.pickup')}
              description={t('cart.pickupHint', { hospital: hospitalName })}
            />
            <Radio value="delivery" label={t('cart.delivery')} description={t('cart.deliveryHint')} />
          </Stack>
        </Radio.Group>
        {fulfilment.how === 'delivery' && (
          <Textarea
            label={t('cart.address')}
            required
            autosize
            minRows={3}
            maxLength={500}
            value={fulfilment.address}
            onChange={(e) => onFulfilment({ ...fulfilment, address: e.currentTarget.value })}
            error={addressError}
          />
        )}
        <TotalsTable totals={totals} currency={currency} />
        <Text size="xs" c="dimmed">
          {t('cart.taxNote')}
        </Text>
        {error && (
          <Alert color="red" role="alert" title={t('cart.notPlaced')}>
            {error}
          </Alert>
        )}
        <Button
          size="md"
          onClick={onPlace}
          loading={busy}
          disabled={disabled}
          leftSection={<IconShoppingBagCheck size={18} aria-hidden />}
        >
          {t('cart.place', { total: f.money(totals.totalMinor, currency) })}
        </Button>
      </Stack>
    </Card>
  );
}
