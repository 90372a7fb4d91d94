import { Button, Card, EmptyState, Group, Loader, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingHospital, IconPill, IconSearch, IconShoppingCart } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notifySuccess } from '../../lib/forms';
import { CardsSkeleton } from '../../components/Skeletons';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TablePager } from '../../components/DataTable';
import { useShop } from './queries';
import { ShopItemCard } from './ShopItemCard';
import { useCart } from './useCart';
import { useShopHospital } from './useShopHospital';
import { useListParams } from '../../components/PagedList';

const PAGE_SIZE = 24;

/** The patient's shop: a hospital's medicines with price and availability, added to a cart. */
export default function ShopPage() {
  const { t } = useTranslation();
  const { params, page, set } = useListParams();
  const { hospitals, chosen, choose } = useShopHospital();
  const q = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const shop = useShop(chosen?.id ?? null, debounced, page, PAGE_SIZE);
  const cart = useCart(chosen?.id ?? null);
  const cartLink = chosen ? `/app/shop/cart?hospital=${chosen.id}` : '/app/shop/cart';

  return (
    <>
      <PageHeader
        title={t('shop.title')}
        description={t('shop.description')}
        actions={
          chosen && (
            <Button
              component={Link}
              to={cartLink}
              leftSection={<IconShoppingCart size={16} aria-hidden />}
              variant={cart.count ? 'filled' : 'default'}
              data-testid="cart-button"
            >
              {t('shop.cartCount', { count: cart.count })}
            </Button>
          )
        }
      />
      {hospitals.isError && <LoadError error={hospitals.error} onRetry={() => void hospitals.refetch()} />}
      <Card mb="md">
        <Group align="flex-end" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            label={t('shop.hospital')}
            placeholder={t('shop.chooseHospital')}
            leftSection={<IconBuildingHospital size={16} aria-hidden />}
            data={(hospitals.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.name}, ${h.city}` }))}
            value={chosen?.id ?? null}
            onChange={(v) => choose(v)}
            allowDeselect={false}
            searchable
            miw={240}
          />
          <TextInput
            label={t('shop.search')}
            placeholder={t('shop.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              chosen && (q.trim() !== debounced || (shop.isFetching && !shop.isPending)) ? (
                <Loader size="xs" role="status" aria-label={t('common.searching')} />
              ) : null
            }
            value={q}
            onChange={(e) => set('q', e.currentTarget.value)}
            disabled={!chosen}
            role="searchbox"
            miw={240}
          />
        </Group>
      </Card>
      {!chosen && !hospitals.isPending && (
        <EmptyState
          icon={<IconBuildingHospital size={28} aria-hidden />}
          withIndicatorBackground
          title={t('shop.chooseTitle')}
          description={t('shop.chooseBody')}
        />
      )}
      {chosen && shop.isPending && <CardsSkeleton />}
      {shop.isError && <LoadError error={shop.error} onRetry={() => void shop.refetch()} />}
      {chosen && shop.data && (
        <Stack aria-live="polite" aria-busy={shop.isFetching}>
          {shop.data.items.length === 0 ? (
            <EmptyState
              icon={<IconPill size={28} aria-hidden />}
              withIndicatorBackground
              title={debounced ? t('shop.noMatch', { q: debounced }) : t('shop.emptyTitle')}
              description={debounced ? t('shop.noMatchBody') : t('shop.emptyBody')}
            />
          ) : (
            <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }}>
              {shop.data.items.map((item) => (
                <ShopItemCard
                  key={item.id}
                  item={item}
                  inCart={cart.lines.find((l) => l.item.id === item.id)?.quantity ?? 0}
                  onAdd={(n) => {
                    cart.add(item, n);
                    notifySuccess(t('shop.added', { name: `${item.genericName} ${item.strength}` }));
                  }}
                />
              ))}
            </SimpleGrid>
          )}
          <TablePager
            page={page}
            pageSize={PAGE_SIZE}
            total={shop.data.total}
            onChange={(p) => set('page', String(p))}
          />
        </Stack>
      )}
    </>
  );
}
