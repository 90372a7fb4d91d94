import { Fieldset, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { BLOOD_GROUPS } from '../../../contracts/patients';
import { optionalSelect } from '../../lib/forms';

/** The demographic fields of a patient, as text inputs hold them ('' = not given). */
export interface DemographicValues {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  bloodGroup: string;
  phone: string;
  email: string;
  addressLine: string;
  city: string;
  postalCode: string;
  country: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  emergencyContactRelation: string;
  insuranceProvider: string;
  insurancePolicyNumber: string;
}

export const EMPTY_DEMOGRAPHICS: DemographicValues = {
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  sex: '',
  bloodGroup: '',
  phone: '',
  email: '',
  addressLine: '',
  city: '',
  postalCode: '',
  country: '',
  emergencyContactName: '',
  emergencyContactPhone: '',
  emergencyContactRelation: '',
  insuranceProvider: '',
  insurancePolicyNumber: '',
};

type Key = keyof DemographicValues;

/**
 * The patient form's sections. `only` limits it to the fields the person may change (a patient
 * edits their contact details, nothing else).
 */
export function PatientFields<T extends DemographicValues>({
  form,
  only,
}: {
  form: UseFormReturnType<T>;
  only?: readonly string[];
}) {
  const { t } = useTranslation();
  const show = (k: Key) => !only || only.includes(k);
  const input = (k: Key) => form.getInputProps(k as never);
  const anyOf = (...keys: Key[]) => keys.some(show);

  return (
    <>
      {anyOf('givenName', 'familyName', 'dateOfBirth', 'sex', 'bloodGroup') && (
        <Fieldset legend={t('patient.sections.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {show('givenName') && (
              <TextInput label={t('patient.givenName')} required autoComplete="off" {...input('givenName')} />
            )}
            {show('familyName') && (
              <TextInput label={t('patient.familyName')} autoComplete="off" {...input('familyName')} />
            )}
            {show('dateOfBirth') && (
              <TextInput type="date" label={t('patient.dateOfBirth')} {...input('dateOfBirth')} />
            )}
            {show('sex') && (
              <Select
                label={t('patient.sex')}
                data={(['female', 'male', 'other', 'unknown'] as const).map((s) => ({
                  value: s,
                  label: t(`sex.${s}`),
                }))}
                clearable
                {...optionalSelect(form, 'sex')}
              />
            )}
            {show('bloodGroup') && (
              <Select
                label={t('patient.bloodGroup')}
                data={[...BLOOD_GROUPS]}
                clearable
                {...optionalSelect(form, 'bloodGroup')}
              />
            )}
          </SimpleGrid>
        </Fieldset>
      )}
      {anyOf('phone', 'email', 'addressLine', 'city', 'postalCode', 'country') && (
        <Fieldset legend={t('patient.sections.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {show('phone') && (
              <TextInput
                label={t('patient.phone')}
                description={t('patient.phoneHint')}
                type="tel"
                autoComplete="off"
                {...input('phone')}
              />
            )}
            {show('email') && (
              <TextInput label={t('patient.email')} type="email" autoComplete="off" {...input('email')} />
            )}
            {show('addressLine') && (
              <TextInput label={t('patient.addressLine')} autoComplete="off" {...input('addressLine')} />
            )}
            {show('city') && <TextInput label={t('patient.city')} autoComplete="off" {...input('city')} />}
            {show('postalCode') && (
              <TextInput label={t('patient.postalCode')} autoComplete="off" {...input('postalCode')} />
            )}
            {show('country') && (
              <TextInput label={t('patient.country')} autoComplete="off" {...input('country')} />
            )}
          </SimpleGrid>
        </Fieldset>
      )}
      {anyOf('emergencyContactName', 'emergencyContactPhone', 'emergencyContactRelation') && (
        <Fieldset legend={t('patient.sections.emergency')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {show('emergencyContactName') && (
              <TextInput label={t('patient.emergencyName')} {...input('emergencyContactName')} />
            )}
            {show('emergencyContactPhone') && (
              <TextInput label={t('patient.emergencyPhone')} type="tel" {...input('emergencyContactPhone')} />
            )}
            {show('emergencyContactRelation') && (
              <TextInput label={t('patient.emergencyRelation')} {...input('emergencyContactRelation')} />
            )}
          </SimpleGrid>
        </Fieldset>
      )}
      {anyOf('insuranceProvider', 'insurancePolicyNumber') && (
        <Fieldset legend={t('patient.sections.insurance')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {show('insuranceProvider') && (
              <TextInput label={t('patient.insuranceProvider')} {...input('insuranceProvider')} />
            )}
            {show('insurancePolicyNumber') && (
              <TextInput label={t('patient.insurancePolicy')} {...input('insurancePolicyNumber')} />
            )}
          </SimpleGrid>
        </Fieldset>
      )}
    </>
  );
}
