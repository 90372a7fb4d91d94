import { Alert, Loader, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { useFormat } from '../../lib/format';
import { freeBedGroups } from './board';
import { useBedBoard, useWardList } from './queries';

/**
 * Chooses a bed a patient can go into now, grouped by ward, each with its room, type and daily
 * rate, from the bed board (kept current by whoever changes a bed).
 */
export function BedPicker({
  value,
  onChange,
  exceptBedId,
  error,
  label,
}: {
  value: string | null;
  onChange: (bedId: string | null) => void;
  /** The bed the patient is in now (a transfer). */
  exceptBedId?: string;
  error?: string | null;
  label: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const board = useBedBoard();
  const currency = useWardList().data?.currency;
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  if (board.isPending) return <Loader size="sm" role="status" aria-label={t('common.loading')} />;
  const groups = freeBedGroups(board.data, exceptBedId);
  if (groups.length === 0)
    return (
      <Alert color="yellow" role="status" title={label}>
        {t('wards.picker.noneFree')}
      </Alert>
    );
  const data = groups.map((g) => ({
    group: g.wardName,
    items: g.beds.map((b) => ({
      value: b.id,
      label: [
        b.label,
        b.roomName,
        t(`wards.bedTypes.${b.bedType}`),
        currency ? t('wards.picker.perDay', { rate: f.money(b.dailyRateMinor, currency) }) : null,
        b.reservation
          ? t('reservations.pickerFor', { name: b.reservation.name })
          : b.state === 'reserved'
            ? t('wards.states.reserved')
            : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  }));
  // The box shows the bed's own words, cut short on a phone: the ward and the whole line go under it.
  const group = data.find((g) => g.items.some((i) => i.value === value));
  const picked = group?.items.find((i) => i.value === value);
  return (
    <Select
      label={label}
      description={group && picked ? `${group.group} · ${picked.label}` : t('wards.picker.hint')}
      placeholder={t('wards.picker.placeholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      required
      error={error}
      nothingFoundMessage={t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={320}
      data-testid="bed-picker"
    />
  );
}
