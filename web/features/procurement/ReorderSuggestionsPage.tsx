import {
  Alert,
  Button,
  Card,
  Checkbox,
  EmptyState,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSearch, IconShoppingCartCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/DataTable';
import { TableSkeleton } from '../../components/Skeletons';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage } from '../../lib/forms';
import { CreatedOrders } from './CreatedOrders';
import { refreshOrders, useActiveSuppliers, useReceivingStores, useSuggestions } from './queries';
import { refusedLine } from './line-errors';
import {
  chosenTotal,
  choiceOf,
  draftRequests,
  suggestionKey,
  type Choice,
  type DraftRequest,
} from './reorder-selection';
import { SuggestionsTable } from './SuggestionsTable';
import type { CreatedDraftOrder, ReorderSuggestion } from '../../../contracts/procurement';

/** Medicines at or under their reorder level; the chosen ones become draft orders, one per supplier. */
export default function ReorderSuggestionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const storeId = params.get('storeId');
  const stores = useReceivingStores();
  const suppliers = useActiveSuppliers();
  const suggestions = useSuggestions(storeId);
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedDraftOrder[] | null>(null);
  const data = suggestions.data;

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data?.items ?? []).filter((s) => !q || s.medicineName.toLowerCase().includes(q));
  }, [data, query]);
  const change = (s: ReorderSuggestion, patch: Partial<Choice>) =>
    setChoices((all) => ({ ...all, [suggestionKey(s)]: { ...choiceOf(all, s), ...patch } }));
  const allChosen = shown.length > 0 && shown.every((s) => choiceOf(choices, s).selected);
  const { count, total } = chosenTotal(data?.items ?? [], choices);

  const create = async () => {
    setError(null);
    const plan = draftRequests(data?.items ?? [], choices);
    if ('problem' in plan) return setError(t(`reorder.problems.${plan.problem}`));
    setBusy(true);
    const made: CreatedDraftOrder[] = [];
    let current: DraftRequest | undefined;
    try {
      // One request per store; each makes its drafts (one per supplier) in one transaction.
      for (const request of plan.requests) {
        current = request;
        const res = await post<{ orders: CreatedDraftOrder[] }>(
          '/api/procurement/suggestions/orders',
          request,
        );
        made.push(...res.orders);
      }
      setChoices({});
    } catch (err) {
      // A supplier chosen here with no price for the medicine: say which one.
      const k = refusedLine(err, 'unitPriceMinor');
      const line = k === null ? undefined : current?.lines[k];
      const s =
        line && data?.items.find((i) => i.medicineId === line.medicineId && i.storeId === current?.storeId);
      setError(s ? t('reorder.problems.noPrice', { name: s.medicineName }) : errorMessage(err));
    } finally {
      setBusy(false);
      if (made.length) {
        setCreated(made);
        window.scrollTo({ top: 0 });
        await refreshOrders(client);
      }
    }
  };

  return (
    <>
      <PageHeader
        title={t('reorder.title')}
        description={
          data ? t('reorder.description', { days: data.safetyStockDays }) : t('reorder.descriptionLoading')
        }
      />
      <Stack>
        {created && (
          <CreatedOrders
            orders={created}
            currency={data?.currency}
            onBack={() => {
              setCreated(null);
              void suggestions.refetch();
            }}
          />
        )}
        <Card>
          <Stack>
            <Group align="flex-end" gap="md">
              <Select
                label={t('reorder.store')}
                data={[
                  { value: '', label: t('reorder.allStores') },
                  ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
                ]}
                value={storeId ?? ''}
                onChange={(v) => {
                  setChoices({});
                  setParams(v ? { storeId: v } : {}, { replace: true });
                }}
                allowDeselect={false}
                w={{ base: '100%', xs: 240 }}
              />
              <TextInput
                label={t('reorder.searchLabel')}
                leftSection={<IconSearch size={16} aria-hidden />}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                role="searchbox"
                data-testid="suggestion-search"
                style={{ flex: '1 1 14rem' }}
              />
            </Group>
            {suggestions.isPending && <TableSkeleton />}
            {suggestions.isError && (
              <LoadError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
            )}
            {data &&
              (data.items.length === 0 ? (
                <TableEmpty>
                  <EmptyState
                    icon={<IconShoppingCartCheck size={28} aria-hidden />}
                    withIndicatorBackground
                    title={t('reorder.emptyTitle')}
                    description={t('reorder.emptyBody')}
                  />
                </TableEmpty>
              ) : (
                <>
                  <Checkbox
                    label={t('reorder.selectAll')}
                    checked={allChosen}
                    indeterminate={!allChosen && shown.some((s) => choiceOf(choices, s).selected)}
                    onChange={(e) => {
                      const selected = e.currentTarget.checked;
                      setChoices((all) => {
                        const next = { ...all };
                        for (const s of shown) next[suggestionKey(s)] = { ...choiceOf(all, s), selected };
                        return next;
                      });
                    }}
                  />
                  <SuggestionsTable
                    items={shown}
                    choices={choices}
                    onChange={change}
                    suppliers={suppliers.data ?? []}
                    currency={data.currency}
                    withStore={!storeId}
                  />
                  {shown.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('reorder.noMatch')}
                    </Text>
                  )}
                </>
              ))}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            {data && data.items.length > 0 && (
              <Group justify="flex-end" gap="md">
                <Text size="sm" data-testid="chosen-summary">
                  {t('reorder.selected', { count, total: f.money(total, data.currency) })}
                </Text>
                <Button onClick={() => void create()} loading={busy} disabled={count === 0}>
                  {t('reorder.create')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      </Stack>
    </>
  );
}
