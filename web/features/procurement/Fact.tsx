import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A label and its value under it, or "not given". */
export function Fact({ label, value }: { label: string; value: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {value ? (
        <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.notGiven')}
        </Text>
      )}
    </div>
  );
}
