import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useState } from 'react';
import { stockErrorMessage } from './stock-errors';

/** A line of a prescription or ward request: a medicine, some of which is still to go out. */
export interface OutgoingLine {
  id: string;
  medicineId: string;
  medicineName: string;
  dispensingUnit: string;
}

export interface LineQuantitiesTexts {
  title: string;
  hint: string;
  /** The alert's title when the pharmacy refused. */
  failed: string;
  action: string;
  /** Under a medicine's name: how much of it is still to go out. */
  open: (count: number, unit: string) => string;
  quantityFor: (medicineName: string) => string;
  atMost: (count: number) => string;
}

/**
 * How many units of each open line leave the pharmacy now — dispensed against a prescription or
 * issued to a ward. Each line starts at all that is still open and may not go above it; after a
 * success the inputs follow the new open amounts. `submit` throws on a refusal, which is shown in
 * words that name the medicine short of stock; `onFailure` sees the error first (e.g. to renew an
 * idempotency key unless the outcome is unknown).
 */
export function LineQuantitiesForm<L extends OutgoingLine>({
  lines,
  openOf,
  texts,
  submit,
  onFailure,
}: {
  lines: readonly L[];
  openOf: (line: L) => number;
  texts: LineQuantitiesTexts;
  submit: (chosen: { line: L; quantity: number }[]) => Promise<void>;
  onFailure?: (err: unknown) => void;
}) {
  const open = lines.filter((l) => openOf(l) > 0);
  // Only what the person typed is kept; an untouched line shows all that is open right now.
  const [typed, setTyped] = useState<Record<string, number | string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valueOf = (l: L) => typed[l.id] ?? openOf(l);
  const chosen = open
    .map((line) => ({ line, quantity: Number(valueOf(line)) }))
    .filter((c) => Number.isInteger(c.quantity) && c.quantity > 0);
  const tooMuch = open.some((l) => Number(valueOf(l)) > openOf(l));

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await submit(chosen);
      setTyped({});
    } catch (err) {
      onFailure?.(err);
      setError(stockErrorMessage(err, (id) => lines.find((l) => l.medicineId === id)?.medicineName));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Stack>
        <div>
          <Title order={2} fz="h4">
            {texts.title}
          </Title>
          <Text size="sm" c="dimmed">
            {texts.hint}
          </Text>
        </div>
        <Table verticalSpacing="xs" aria-label={texts.title}>
          <Table.Tbody>
            {open.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {l.medicineName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {texts.open(openOf(l), l.dispensingUnit)}
                  </Text>
                </Table.Td>
                <Table.Td w={120}>
                  <NumberInput
                    aria-label={texts.quantityFor(l.medicineName)}
                    value={valueOf(l)}
                    onChange={(v) => setTyped((q) => ({ ...q, [l.id]: v }))}
                    min={0}
                    max={openOf(l)}
                    allowDecimal={false}
                    allowNegative={false}
                    error={Number(valueOf(l)) > openOf(l) ? texts.atMost(openOf(l)) : null}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Alert color="red" role="alert" title={texts.failed}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            onClick={() => void send()}
            loading={busy}
            disabled={chosen.length === 0 || tooMuch}
            leftSection={<IconPackageExport size={16} aria-hidden />}
          >
            {texts.action}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
