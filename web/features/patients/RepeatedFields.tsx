import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A list of entries typed into a form (the allergies or conditions given at registration): each
 * entry's fields side by side with a button that takes it out, and a button that adds another.
 */
export function RepeatedFields({
  legend,
  emptyText,
  count,
  fields,
  removeLabel,
  onRemove,
  addLabel,
  onAdd,
}: {
  legend: string;
  emptyText: string;
  count: number;
  /** The fields of entry `index`. */
  fields: (index: number) => ReactNode;
  removeLabel: (index: number) => string;
  onRemove: (index: number) => void;
  addLabel: string;
  onAdd: () => void;
}) {
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {count === 0 && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )}
        {Array.from({ length: count }, (_, i) => (
          <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
              {fields(i)}
            </SimpleGrid>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={removeLabel(i)}
              onClick={() => onRemove(i)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <div>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={onAdd}
          >
            {addLabel}
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}
