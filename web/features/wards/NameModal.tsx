import { Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateRoom,
  CreateWard,
  UpdateRoom,
  UpdateWard,
  WARD_KINDS,
  type WardKind,
} from '../../../contracts/wards';
import { patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { wardErrorMessage } from './errors';
import { WardDialog } from './WardDialog';

/** What the modal adds or renames: a ward (with its kind) or a room of a ward. */
export type NameTarget =
  | { what: 'ward'; ward: { id: string; name: string; kind: WardKind } | null }
  | { what: 'room'; wardId: string; wardName: string; room: { id: string; name: string } | null };

/** Adds a ward or a room, or renames one (and sets a ward's kind). */
export function NameModal({
  target,
  onClose,
  onSaved,
}: {
  target: NameTarget;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const before = target.what === 'ward' ? target.ward : target.room;
  const form = useForm({
    initialValues: {
      name: before?.name ?? '',
      kind: (target.what === 'ward' ? target.ward?.kind : undefined) ?? ('general' as WardKind),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const name = values.name.trim();
    try {
      if (target.what === 'ward') {
        const w = target.ward;
        if (w) {
          const changes = {
            ...(name !== w.name && { name }),
            ...(values.kind !== w.kind && { kind: values.kind }),
          };
          if (Object.keys(changes).length === 0) return onClose();
          const body = validateWith(UpdateWard, changes, form);
          if (!body) return;
          await patch(`/api/wards/${w.id}`, body);
        } else {
          const body = validateWith(CreateWard, { name, kind: values.kind }, form);
          if (!body) return;
          await post('/api/wards', body);
        }
      } else if (target.room) {
        if (name === target.room.name) return onClose();
        const body = validateWith(UpdateRoom, { name }, form);
        if (!body) return;
        await patch(`/api/wards/rooms/${target.room.id}`, body);
      } else {
        const body = validateWith(CreateRoom, { wardId: target.wardId, name }, form);
        if (!body) return;
        await post('/api/wards/rooms', body);
      }
      notifySuccess(t('wards.setup.saved', { name }));
      onClose();
      await onSaved();
    } catch (err) {
      if (applyServerErrors(form, err) !== null)
        setError(wardErrorMessage(err, target.what === 'ward' ? 'saveWard' : 'saveRoom'));
    }
  });

  const title =
    target.what === 'ward'
      ? target.ward
        ? t('wards.setup.editWard', { name: target.ward.name })
        : t('wards.setup.addWard')
      : target.room
        ? t('wards.setup.renameRoom', { name: target.room.name })
        : t('wards.setup.addRoomTo', { ward: target.wardName });

  return (
    <WardDialog title={title} error={error} busy={form.submitting} onClose={onClose} onSubmit={submit}>
      <TextInput
        label={target.what === 'ward' ? t('wards.setup.wardName') : t('wards.setup.roomName')}
        required
        maxLength={100}
        data-autofocus
        {...form.getInputProps('name')}
      />
      {target.what === 'ward' && (
        <Select
          label={t('wards.setup.kind')}
          data={WARD_KINDS.map((k) => ({ value: k, label: t(`wards.kinds.${k}`) }))}
          allowDeselect={false}
          required
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('kind')}
        />
      )}
    </WardDialog>
  );
}
