import { Alert, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES, RecordConsentBody } from '../../../contracts/privacy';
import { FormActions } from '../../components/FormActions';
import { applyServerErrors, notifySuccess, optionalSelect, validateWith } from '../../lib/forms';
import { useRecordConsent } from '../privacy/queries';

/** Staff record a decision the patient gave them: which purpose, granted or withdrawn, in writing or by word. */
export function RecordConsentModal({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordConsent(patientId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { purpose: '', decision: 'granted', method: 'written', note: '' },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(RecordConsentBody, values, form);
    if (!body) return;
    try {
      const entry = await record(body);
      notifySuccess(
        t('consent.form.saved', {
          purpose: t(`consent.purposes.${entry.purpose}.title`),
          decision: t(`consent.decision.${entry.decision}`).toLowerCase(),
        }),
      );
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('consent.form.title')} centered size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">{t('consent.form.intro')}</Text>
          <Select
            label={t('consent.form.purpose')}
            required
            data-autofocus
            data={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purposes.${p}.title`) }))}
            {...optionalSelect(form, 'purpose')}
          />
          {form.values.purpose && (
            <Text size="xs" c="dimmed" mt={-8}>
              {t(`consent.purposes.${form.values.purpose as (typeof CONSENT_PURPOSES)[number]}.body`)}
            </Text>
          )}
          <Radio.Group label={t('consent.form.decision')} required {...form.getInputProps('decision')}>
            <Group gap="lg" mt={6}>
              <Radio value="granted" label={t('consent.form.granted')} />
              <Radio value="withdrawn" label={t('consent.form.withdrawn')} />
            </Group>
          </Radio.Group>
          <Radio.Group label={t('consent.form.method')} required {...form.getInputProps('method')}>
            <Group gap="lg" mt={6}>
              <Radio value="written" label={t('consent.methods.written')} />
              <Radio value="verbal" label={t('consent.methods.verbal')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('consent.form.note')}
            placeholder={t('consent.form.notePlaceholder')}
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('note')}
          />
          <FormActions
            onCancel={onClose}
            submitting={form.submitting}
            submitLabel={t('consent.form.submit')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
