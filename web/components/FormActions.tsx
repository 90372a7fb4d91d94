import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A form's closing row: Cancel, then its submit button (Save unless named), at the right. */
export function FormActions({
  onCancel,
  submitting,
  submitLabel,
  disabled,
}: {
  onCancel: () => void;
  submitting?: boolean;
  submitLabel?: ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" loading={submitting} disabled={disabled}>
        {submitLabel ?? t('actions.save')}
      </Button>
    </Group>
  );
}
