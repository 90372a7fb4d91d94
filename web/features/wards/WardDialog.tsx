import { Alert, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { FormActions } from '../../components/FormActions';

/** The frame of every ward dialog: a form with the failure on top and Cancel / submit at the bottom. */
export function WardDialog({
  title,
  error,
  busy,
  submitLabel,
  size,
  onClose,
  onSubmit,
  children,
}: {
  title: string;
  error: string | null;
  busy: boolean;
  submitLabel?: string;
  size?: ModalProps['size'];
  onClose: () => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => unknown;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} centered size={size}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit(e);
        }}
      >
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {children}
          <FormActions onCancel={onClose} submitting={busy} submitLabel={submitLabel} />
        </Stack>
      </form>
    </Modal>
  );
}
