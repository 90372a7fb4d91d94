import { ActionIcon, Card, Group, Paper, Stack, Text, Title, type MantineSpacing } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { medicineName } from './medicine';
import { MedicineSearch } from './MedicineSearch';

/** A medicine picked into a form: what each line shows whatever else it carries. */
export interface PickedMedicine {
  medicineId: string;
  /** Name, strength and form, as the line's heading. */
  name: string;
  /** The dispensing unit quantities are counted in. */
  unit: string;
}

/**
 * The medicines of a form being filled in (a typed-in prescription, a ward's request): a search
 * that adds a medicine once, and one card per line with its name, a remove button and the fields
 * the form asks for on each line (`children`).
 */
export function MedicineLines<L extends PickedMedicine>({
  title,
  addLabel,
  emptyText,
  removeLabel,
  lines,
  error,
  onAdd,
  onRemove,
  children,
}: {
  title: string;
  addLabel: string;
  emptyText: string;
  removeLabel: (name: string) => string;
  lines: readonly L[];
  /** The form's error for the list as a whole (e.g. "add at least one medicine"). */
  error: string | null;
  onAdd: (picked: PickedMedicine) => void;
  onRemove: (index: number) => void;
  children: (line: L, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card>
      <Stack>
        <Title order={2} fz="h4">
          {title}
        </Title>
        <MedicineSearch
          label={addLabel}
          error={error}
          onPick={(m) => {
            if (lines.some((l) => l.medicineId === m.id)) return;
            onAdd({
              medicineId: m.id,
              name: `${medicineName(m)} ${t(`medicineForms.${m.form}`)}`,
              unit: m.dispensingUnit,
            });
          }}
        />
        {lines.length === 0 && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )}
        {lines.map((l, i) => (
          <Paper key={l.medicineId} withBorder p="sm" data-testid="line">
            <MedicineLineHeading
              name={l.name}
              removeLabel={removeLabel(l.name)}
              onRemove={() => onRemove(i)}
              mb="xs"
            />
            {children(l, i)}
          </Paper>
        ))}
      </Stack>
    </Card>
  );
}

/** A medicine line's heading: the medicine, and the button that removes the line. */
export function MedicineLineHeading({
  name,
  removeLabel,
  onRemove,
  mb,
}: {
  name: string;
  removeLabel: string;
  onRemove: () => void;
  mb?: MantineSpacing;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs" mb={mb}>
      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Text>
      <ActionIcon variant="subtle" color="red" aria-label={removeLabel} onClick={onRemove}>
        <IconTrash size={18} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
