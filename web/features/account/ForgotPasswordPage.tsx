import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PasswordResetStart } from '../../../contracts/account-security';
import { AuthLayout } from '../auth/AuthLayout';
import { post } from '../../lib/api';
import { applyServerErrors, validateWith } from '../../lib/forms';

/**
 * Asks for a mailed reset link. The reply is the same whether or not the address has an account,
 * so the page shows the server's message as it is and never hints at which case it was.
 */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('reset.startTitle')} · ${t('app.name')}`);
  // The sign-in page hands over the address already typed (in router state, not in the URL).
  const state = useLocation().state as { email?: unknown } | null;
  const form = useForm({
    initialValues: { email: typeof state?.email === 'string' ? state.email : '' },
  });
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const parsed = validateWith(PasswordResetStart, values, form);
    if (!parsed) return;
    setBusy(true);
    try {
      await post('/api/auth/password-reset/start', parsed);
      setSent(true);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthLayout>
      <Title order={1} fz="h2">
        {sent ? t('reset.sentTitle') : t('reset.startTitle')}
      </Title>
      {sent ? (
        <Alert color="teal" role="status">
          {t('reset.sentBody')}
        </Alert>
      ) : (
        <form noValidate onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('reset.startIntro')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth loading={busy}>
              {t('reset.send')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('reset.backToSignIn')}
      </Anchor>
    </AuthLayout>
  );
}
