import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  EmptyState,
  Grid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconShoppingCart } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { ApiError, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useIdempotencyKey } from '../../lib/idempotency';
import { sumLines } from '../../lib/pricing';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { CardsSkeleton } from '../../components/Skeletons';
import { stockErrorMessage } from '../dispensing/stock-errors';
import { ORDERS_PATH } from '../pharmacy-orders/queries';
import {
  changesWhatIsPaid,
  needsPrescription,
  refreshLines,
  removeItem,
  setQuantity,
  type CartLine,
} from './cart';
import { CartLines } from './CartLines';
import { CheckoutPanel, type Fulfilment } from './CheckoutPanel';
import { PrescriptionChoice } from './PrescriptionChoice';
import { useCurrentItems } from './queries';
import { useCart } from './useCart';
import { useShopHospital } from './useShopHospital';

/**
 * The cart at one hospital: quantities, the total worked out as the server will, the prescription
 * for prescription-only items, pickup or delivery, and checkout. The key of one checkout is kept
 * until it succeeds, so pressing again after a lost answer never orders twice.
 */
export default function CartPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { me } = useSession();
  const { hospitals, chosen } = useShopHospital();
  const cart = useCart(chosen?.id ?? null);
  const current = useCurrentItems(chosen?.id ?? null, cart.lines);
  const [key, renewKey] = useIdempotencyKey();
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [fulfilment, setFulfilment] = useState<Fulfilment>({ how: 'pickup', address: '' });
  const [problems, setProblems] = useState<{ prescription?: string; address?: string }>({});
  const [error, setError] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);

  // The cart as the shop stands now (prices, limits, what can still be had). The stored cart
  // takes it when the patient changes something or acknowledges the change.
  const { lines: stored, replace } = cart;
  const lines = current.complete ? refreshLines(stored, current.items) : stored;
  const changed = current.complete && changesWhatIsPaid(stored, lines);
  const change = (next: CartLine[]) => replace(next);

  const totals = sumLines(lines.map((l) => ({ ...l.item, quantity: l.quantity })));
  const currency = lines[0]?.item.currency ?? 'INR';
  const rx = needsPrescription(lines);
  const shopLink = chosen ? `/app/shop?hospital=${chosen.id}` : '/app/shop';

  const place = async () => {
    const missing = {
      prescription: rx && !documentId ? t('cart.prescriptionMissing') : undefined,
      address:
        fulfilment.how === 'delivery' && !fulfilment.address.trim() ? t('fieldErrors.required') : undefined,
    };
    setProblems(missing);
    setError(null);
    if (missing.prescription || missing.address || !chosen) return;
    setBusy(true);
    try {
      const order = await post<PharmacyOrder>(ORDERS_PATH.patient, {
        idempotencyKey: key,
        hospitalId: chosen.id,
        lines: lines.map((l) => ({ medicineId: l.item.id, quantity: l.quantity })),
        ...(rx && documentId ? { prescriptionDocumentId: documentId } : {}),
        fulfilment: fulfilment.how,
        ...(fulfilment.how === 'delivery' ? { deliveryAddress: fulfilment.address.trim() } : {}),
        expectedTotalMinor: totals.totalMinor,
      });
      renewKey();
      cart.clear();
      await client.invalidateQueries({ queryKey: ['orders'] });
      await client.invalidateQueries({ queryKey: ['shop'] });
      notifySuccess(t('cart.placed', { number: order.number }));
      await navigate(`/app/my-orders/${order.id}`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PRICE_CHANGED') {
        const now = err.problem?.totalMinor;
        setError(
          typeof now === 'number'
            ? t('cart.priceChanged', {
                was: f.money(totals.totalMinor, currency),
                now: f.money(now, currency),
              })
            : t('apiErrors.PRICE_CHANGED'),
        );
        await current.refetch();
      } else if (err instanceof ApiError && err.code === 'IDEMPOTENCY_REUSED') {
        // An earlier press placed an order whose answer was lost, then the cart changed.
        renewKey();
        setError(
          <>
            {t('cart.alreadyPlaced')}{' '}
            <Anchor component={Link} to="/app/my-orders">
              {t('nav.myOrders')}
            </Anchor>
          </>,
        );
      } else {
        setError(stockErrorMessage(err, (id) => lines.find((l) => l.item.id === id)?.item.genericName));
        if (err instanceof ApiError && err.code === 'INSUFFICIENT_STOCK') await current.refetch();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={shopLink} size="sm">
          {t('shop.title')}
        </Anchor>
        <span>{t('cart.title')}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('cart.title')}
        description={chosen ? t('cart.description', { hospital: chosen.name }) : undefined}
      />
      {hospitals.isPending && <CardsSkeleton count={2} />}
      {!hospitals.isPending && lines.length === 0 && (
        <EmptyState
          icon={<IconShoppingCart size={28} aria-hidden />}
          withIndicatorBackground
          title={t('cart.emptyTitle')}
          description={t('cart.emptyBody')}
        >
          <EmptyState.Actions>
            <Button component={Link} to={shopLink} variant="light">
              {t('cart.browse')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      )}
      {chosen && lines.length > 0 && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              {changed && (
                <Alert color="yellow" title={t('cart.updatedTitle')}>
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{t('cart.updated')}</Text>
                    <Button size="xs" variant="white" color="yellow" onClick={() => change(lines)}>
                      {t('cart.understood')}
                    </Button>
                  </Stack>
                </Alert>
              )}
              <Card>
                <CartLines
                  lines={lines}
                  onQuantity={(id, q) => change(setQuantity(lines, id, q))}
                  onRemove={(id) => change(removeItem(lines, id))}
                />
              </Card>
              {rx && (
                <Card>
                  <Title order={2} fz="h4" mb="sm">
                    {t('cart.prescription')}
                  </Title>
                  {me.patientId && (
                    <PrescriptionChoice
                      patientId={me.patientId}
                      value={documentId}
                      onChange={(id) => {
                        setDocumentId(id);
                        setProblems((p) => ({ ...p, prescription: undefined }));
                      }}
                      error={problems.prescription}
                    />
                  )}
                </Card>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <CheckoutPanel
              hospitalName={chosen.name}
              fulfilment={fulfilment}
              onFulfilment={(next) => {
                setFulfilment(next);
                setProblems((p) => ({ ...p, address: undefined }));
              }}
              addressError={problems.address ?? null}
              totals={totals}
              currency={currency}
              busy={busy}
              disabled={current.fetching || !me.patientId}
              error={error}
              onPlace={() => void place()}
            />
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
