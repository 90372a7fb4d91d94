import { Button, Group, Modal, Stack, Text, Textarea, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/forms';

interface ConfirmButtonProps extends Omit<ButtonProps, 'children' | 'onClick'> {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Red confirm button for actions that end or remove something. */
  destructive?: boolean;
  /** Ask for a reason (e.g. rejecting an application); its label. */
  reasonLabel?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  /** Words a failure for this action (default: by the error's code alone). */
  describeError?: (err: unknown) => string;
  'aria-label'?: string;
}

/** A button that asks before it acts; the dialog stays open with the error if the action fails. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  destructive,
  reasonLabel,
  onConfirm,
  describeError = errorMessage,
  ...buttonProps
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (reasonLabel && reason.trim() === '') {
      setError(t('confirm.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      close();
      setReason('');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          {reasonLabel && (
            <Textarea
              label={reasonLabel}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={500}
              required
              data-autofocus
            />
          )}
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('actions.cancel')}
            </Button>
            <Button color={destructive ? 'red' : undefined} loading={busy} onClick={() => void submit()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
