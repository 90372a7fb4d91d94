import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import type { CreatedDraftOrder } from '../../../contracts/procurement';

/** The draft orders the chosen suggestions became, each a link to review and submit it. */
export function CreatedOrders({
  orders,
  currency,
  onBack,
}: {
  orders: CreatedDraftOrder[];
  currency: string | undefined;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert
      color="teal"
      icon={<IconCircleCheck aria-hidden />}
      title={t('reorder.createdTitle')}
      role="status"
      data-testid="created-orders"
    >
      <Stack gap="sm">
        <Text size="sm">{t('reorder.createdBody', { count: orders.length })}</Text>
        <List size="sm" spacing={4}>
          {orders.map((o) => (
            <List.Item key={o.id}>
              <Anchor component={Link} to={`/app/purchase-orders/${o.id}`} ff="monospace" fw={500}>
                {o.number}
              </Anchor>{' '}
              ·{' '}
              {t('reorder.createdLine', {
                supplier: o.supplierName,
                count: o.lineCount,
                total: currency ? f.money(o.totalMinor, currency) : f.number(o.totalMinor),
              })}
            </List.Item>
          ))}
        </List>
        <Button variant="white" color="teal" size="xs" onClick={onBack} style={{ alignSelf: 'flex-start' }}>
          {t('reorder.again')}
        </Button>
      </Stack>
    </Alert>
  );
}
