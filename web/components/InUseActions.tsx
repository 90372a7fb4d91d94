import { Button, Group } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyError } from '../lib/forms';
import { ConfirmButton } from './ConfirmButton';

/** The words of a catalog row's actions, each already filled in with the entry's name. */
export interface InUseWords {
  edit: string;
  editOf: string;
  takeOff: string;
  takeOffOf: string;
  takeOffTitle: string;
  takeOffMessage: string;
  putBack: string;
  putBackOf: string;
}

/**
 * A catalog entry's actions in its row (a price-list service, a lab test): change it, take it out
 * of use after a confirmation, or put it back in use.
 */
export function InUseActions({
  active,
  words,
  onEdit,
  onSetActive,
}: {
  active: boolean;
  words: InUseWords;
  onEdit: () => void;
  onSetActive: (on: boolean) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={onEdit}
        aria-label={words.editOf}
      >
        {words.edit}
      </Button>
      {active ? (
        <ConfirmButton
          size="xs"
          variant="subtle"
          color="red"
          title={words.takeOffTitle}
          message={words.takeOffMessage}
          confirmLabel={words.takeOff}
          destructive
          onConfirm={() => onSetActive(false)}
          aria-label={words.takeOffOf}
        >
          {words.takeOff}
        </ConfirmButton>
      ) : (
        <Button
          size="xs"
          variant="subtle"
          loading={busy}
          aria-label={words.putBackOf}
          onClick={() => {
            setBusy(true);
            onSetActive(true)
              .catch(notifyError)
              .finally(() => setBusy(false));
          }}
        >
          {words.putBack}
        </Button>
      )}
    </Group>
  );
}
