import { Button, Card, Group, Radio, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BED_DAY_RULES, type BedDayRule, type WardBillingSettings } from '../../../contracts/discharge';
import { LoadError } from '../../components/LoadError';
import { get, put } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';

const KEY = ['wards', 'billing-settings'] as const;

/**
 * The hospital admin's choice of how bed-days are counted for the bill (ADR 14): at each midnight
 * census, or every calendar day begun. Stays already discharged keep the invoice they were given.
 */
export function BedDayRuleCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => get<WardBillingSettings>('/api/wards/billing-settings', undefined, signal),
  });
  const [choice, setChoice] = useState<BedDayRule | null>(null);
  const save = useMutation({
    mutationFn: (bedDayRule: BedDayRule) =>
      put<WardBillingSettings>('/api/wards/billing-settings', { bedDayRule }),
    onSuccess: (saved) => {
      client.setQueryData(KEY, saved);
      setChoice(null);
      notifySuccess(t('wards.bedDayRule.saved', { rule: t(`stayBill.rules.${saved.bedDayRule}`) }));
    },
    onError: notifyError,
  });
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data?.bedDayRule;
  const shown = choice ?? current ?? null;
  return (
    <Card>
      <Stack gap="sm">
        <Radio.Group
          value={shown}
          onChange={(v) => setChoice(v as BedDayRule)}
          label={t('wards.bedDayRule.title')}
          description={t('wards.bedDayRule.description')}
          styles={{ label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 650 } }}
        >
          <Stack gap="xs" mt="sm">
            {BED_DAY_RULES.map((rule) => (
              <Radio
                key={rule}
                value={rule}
                disabled={!current}
                label={t(`stayBill.rules.${rule}`)}
                description={t(`wards.bedDayRule.explain.${rule}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button
            onClick={() => shown && save.mutate(shown)}
            loading={save.isPending}
            disabled={!shown || shown === current}
          >
            {t('wards.bedDayRule.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
