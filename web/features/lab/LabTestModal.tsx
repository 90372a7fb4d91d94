import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateLabTest, SampleType, UpdateLabTest, type LabTest } from '../../../contracts/lab';
import { FormActions } from '../../components/FormActions';
import { ApiError, patch, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { ServiceSearch } from '../billing/ServiceSearch';
import { AnalyteFields } from './AnalyteFields';
import {
  blankAnalyte,
  FORM_NAME_OF,
  labTestValues,
  toCreateLabTest,
  toFormErrors,
  toUpdateLabTest,
  type LabTestValues,
} from './lab-test-form';

/** Adds a test to the catalog, or changes one (its code stays); full screen on a phone. */
export function LabTestModal({
  test,
  currency,
  onClose,
  onSaved,
}: {
  test: LabTest | null;
  currency: string;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 36em)');
  const [error, setError] = useState<string | null>(null);
  const form = useForm<LabTestValues>({ initialValues: labTestValues(test) });
  const onForm = { setErrors: (e: Record<string, string>) => form.setErrors(toFormErrors(e)) };
  const service = form.getValues().service;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      let saved: LabTest;
      if (test) {
        const changes = toUpdateLabTest(values, test);
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateLabTest, changes, onForm);
        if (!body) return;
        saved = await patch<LabTest>(`/api/lab/tests/${test.id}`, body);
      } else {
        const body = validateWith(CreateLabTest, toCreateLabTest(values), onForm);
        if (!body) return;
        saved = await post<LabTest>('/api/lab/tests', body);
      }
      notifySuccess(t('labTests.saved', { name: saved.name }));
      onClose();
      await onSaved();
    } catch (err) {
      // A code taken already belongs next to the code, not in an alert above the form.
      if (err instanceof ApiError && err.problem?.constraint === 'lab_tests_code_uq') {
        form.setFieldError('code', t('labTests.form.codeTaken'));
        return;
      }
      setError(applyServerErrors(form, err, FORM_NAME_OF));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={test ? t('labTests.editNamed', { name: test.name }) : t('labTests.add')}
      size="xl"
      fullScreen={phone}
      centered
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('labTests.form.code')}
              description={test ? undefined : t('labTests.form.codeHint')}
              required={!test}
              disabled={!!test}
              maxLength={30}
              data-autofocus={test ? undefined : true}
              styles={{ input: { textTransform: 'uppercase' } }}
              {...form.getInputProps('code')}
            />
            <TextInput
              label={t('labTests.form.name')}
              required
              maxLength={200}
              data-autofocus={test ? true : undefined}
              {...form.getInputProps('name')}
            />
            <Select
              label={t('labTests.form.sampleType')}
              required
              allowDeselect={false}
              data={SampleType.options.map((s) => ({ value: s, label: t(`sampleTypes.${s}`) }))}
              {...form.getInputProps('sampleType')}
              value={form.getValues().sampleType || null}
              onChange={(v) => form.setFieldValue('sampleType', (v ?? '') as LabTestValues['sampleType'])}
            />
            <NumberInput
              label={t('labTests.form.turnaroundHours')}
              description={t('labTests.form.turnaroundHint')}
              required
              min={1}
              max={2160}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('turnaroundHours')}
            />
          </SimpleGrid>
          <Textarea
            label={t('labTests.form.instructions')}
            description={t('labTests.form.instructionsHint')}
            autosize
            minRows={1}
            maxLength={500}
            {...form.getInputProps('instructions')}
          />
          <Stack gap={4}>
            {service && (
              <Text size="sm" data-testid="lab-test-service">
                <Text span fw={500}>
                  {t('labTests.form.service')}:
                </Text>{' '}
                {t('labTests.form.serviceChosen', {
                  name: service.name,
                  code: service.code,
                  price: f.money(service.priceMinor, currency),
                })}
              </Text>
            )}
            <ServiceSearch
              label={service ? t('labTests.form.serviceChange') : t('labTests.form.serviceSearch')}
              source="lab"
              error={form.errors.service ? t('labTests.form.serviceRequired') : null}
              onPick={(s) => {
                form.setFieldValue('service', {
                  id: s.id,
                  code: s.code,
                  name: s.name,
                  priceMinor: s.priceMinor,
                });
                form.clearFieldError('service');
              }}
            />
          </Stack>
          <Stack gap="xs">
            <div>
              <Text fw={600}>{t('labTests.form.analytes')}</Text>
              <Text size="xs" c="dimmed">
                {t('labTests.form.analytesHint')}
              </Text>
            </div>
            {form.getValues().analytes.map((a, i) => (
              <AnalyteFields key={a.key} form={form} index={i} />
            ))}
            {typeof form.errors.analytes === 'string' && (
              <Text size="sm" c="red" role="alert">
                {form.errors.analytes}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem('analytes', blankAnalyte())}
                disabled={form.getValues().analytes.length >= 40}
              >
                {t('labTests.form.addAnalyte')}
              </Button>
            </Group>
          </Stack>
          <FormActions
            onCancel={onClose}
            submitting={form.submitting}
            submitLabel={test ? t('actions.save') : t('labTests.addAction')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
