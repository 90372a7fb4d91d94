import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import type { SupplierItem } from '../../../contracts/procurement';
import { put } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { currencyDigits, toMajor, toMinor } from '../../lib/money';
import { MedicinePicker } from '../inventory/MedicinePicker';
import { supplierItemsKey, supplierKey } from './queries';
import { typedNumber } from './number-input';

/**
 * Records that a supplier supplies a medicine: its price per pack and whether it is the preferred
 * supplier for it. A new item is picked from the catalog; an existing one keeps its medicine.
 */
export function SupplierItemModal({
  supplierId,
  item,
  currency,
  onClose,
}: {
  supplierId: string;
  item: SupplierItem | null;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [medicine, setMedicine] = useState<Medicine | null>(null);
  const [price, setPrice] = useState<number | string>(
    item?.lastPriceMinor != null ? toMajor(item.lastPriceMinor, currency) : '',
  );
  const [preferred, setPreferred] = useState(item?.preferred ?? false);
  const [error, setError] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const medicineId = item?.medicineId ?? medicine?.id;
  const name = item?.medicineName ?? medicine?.genericName ?? '';

  const save = async () => {
    if (!medicineId) return setPickError(t('fieldErrors.required'));
    setBusy(true);
    setError(null);
    try {
      await put(`/api/suppliers/${supplierId}/items/${medicineId}`, {
        lastPriceMinor: typedNumber(price) === undefined ? null : toMinor(typedNumber(price)!, currency),
        preferred,
      });
      await Promise.all([
        client.invalidateQueries({ queryKey: supplierItemsKey(supplierId) }),
        client.invalidateQueries({ queryKey: supplierKey(supplierId) }),
        client.invalidateQueries({ queryKey: ['suppliers'] }),
      ]);
      notifySuccess(t('supplierItems.saved', { name }));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={item ? item.medicineName : t('supplierItems.add')} centered>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {item ? (
          <Text size="sm" c="dimmed">
            {t('supplierItems.packOf', { count: item.packSize })}
          </Text>
        ) : (
          <MedicinePicker
            label={t('supplierItems.medicine')}
            value={medicine}
            onChange={(m) => {
              setMedicine(m);
              setPickError(null);
            }}
            error={pickError}
            autoFocus
          />
        )}
        <NumberInput
          label={t('supplierItems.price', { currency })}
          description={t('supplierItems.priceHint')}
          min={0}
          decimalScale={currencyDigits(currency)}
          allowNegative={false}
          thousandSeparator=","
          value={price}
          onChange={setPrice}
        />
        <Checkbox
          label={t('supplierItems.preferred')}
          description={t('supplierItems.preferredHint')}
          checked={preferred}
          onChange={(e) => setPreferred(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            {item ? t('actions.save') : t('supplierItems.addAction')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
