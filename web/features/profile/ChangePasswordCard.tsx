import { Alert, Button, Card, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePassword, PASSWORD_MIN } from '../../../contracts/identity';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';

/** Changing the password also ends every other session, which the form says before it is used. */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '', confirm: '' } });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    if (values.newPassword !== values.confirm) {
      form.setFieldError('confirm', t('profile.passwordsDiffer'));
      return;
    }
    const body = validateWith(
      ChangePassword,
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      form,
    );
    if (!body) return;
    setBusy(true);
    try {
      await post('/api/auth/password', body);
      form.reset();
      notifySuccess(t('profile.passwordChanged'));
      await client.invalidateQueries({ queryKey: ['sessions'] });
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Card>
      <Title order={2} fz="h4" mb={4}>
        {t('profile.changePassword')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.changePasswordHint')}
      </Text>
      <form noValidate onSubmit={submit}>
        <Stack maw={640}>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput
              label={t('profile.newPassword')}
              description={t('auth.register.passwordHint', { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('profile.confirmPassword')}
              autoComplete="new-password"
              required
              {...form.getInputProps('confirm')}
            />
          </SimpleGrid>
          <div>
            <Button type="submit" loading={busy}>
              {t('profile.changePassword')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
