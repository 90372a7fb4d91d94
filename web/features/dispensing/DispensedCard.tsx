import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Pick } from '../../../contracts/pharmacy';
import { useFormat } from '../../lib/format';
import { PicksList } from './PicksList';

export interface PickedLine {
  key: string;
  name: string;
  quantity: number;
  unit?: string;
  picks: readonly Pick[];
}

/** What was just taken from the shelves, line by line, with the batches to pick. */
export function DispensedCard({ title, at, lines }: { title: string; at?: string; lines: PickedLine[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconPackage aria-hidden />}
      title={
        <Title order={2} fz="h5">
          {title}
        </Title>
      }
      data-testid="dispensed"
    >
      <Stack gap="sm">
        {at && (
          <Text size="xs" c="dimmed">
            {f.dateTime(at)}
          </Text>
        )}
        {lines.map((l) => (
          <Paper key={l.key} p="xs" withBorder>
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {t('picks.lineTitle', { name: l.name, quantity: f.number(l.quantity) })}
            </Text>
            <PicksList picks={l.picks} />
          </Paper>
        ))}
      </Stack>
    </Alert>
  );
}
