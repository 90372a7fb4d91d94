import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PASSWORD_MIN } from '../../../contracts/identity';
import type { InvitationAccepted } from '../../../contracts/organisation';
import { post, setActiveHospital } from '../../lib/api';
import { applyServerErrors, errorMessage } from '../../lib/forms';
import { ME_KEY, useMe } from '../../lib/session';
import { PageLoader } from '../../app/PageLoader';
import { AuthLayout } from '../auth/AuthLayout';

/** The page an invitation email links to: accept as the signed-in person, or create an account. */
export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<InvitationAccepted | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { fullName: '', password: '' } });
  useDocumentTitle(`${t('invitation.title')} · ${t('app.name')}`);

  const accept = async (body: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await post<InvitationAccepted>('/api/invitations/accept', { token, ...body });
      if (result.accountCreated) {
        setAccepted(result);
      } else {
        setActiveHospital(result.hospitalId);
        await client.resetQueries({ queryKey: ME_KEY });
        await navigate('/app', { replace: true });
      }
    } catch (err) {
      setError(body.fullName !== undefined ? applyServerErrors(form, err) : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (me.isPending) return <PageLoader />;
  const next = encodeURIComponent(`/invitations/accept?token=${token}`);

  return (
    <AuthLayout>
      <Title order={1} fz="h2">
        {t('invitation.title')}
      </Title>
      {!token && <Alert color="red">{t('invitation.noToken')}</Alert>}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {accepted ? (
        <Stack>
          <Alert color="teal">
            {t('invitation.created', { hospital: accepted.hospitalName, role: t(`roles.${accepted.role}`) })}
          </Alert>
          <Button component={Link} to="/sign-in">
            {t('auth.signIn')}
          </Button>
        </Stack>
      ) : me.data ? (
        <Stack>
          <Text size="sm">{t('invitation.signedInAs', { email: me.data.user.email })}</Text>
          <Button onClick={() => void accept({})} loading={busy} disabled={!token}>
            {t('invitation.accept')}
          </Button>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            void accept({ fullName: values.fullName.trim(), password: values.password });
          })}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('invitation.newAccount')}
            </Text>
            <TextInput
              label={t('auth.register.fullName')}
              autoComplete="name"
              required
              {...form.getInputProps('fullName')}
            />
            <PasswordInput
              label={t('auth.register.password')}
              description={t('auth.register.passwordHint', { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy} disabled={!token}>
              {t('invitation.createAndAccept')}
            </Button>
            <Text size="sm" ta="center">
              {t('invitation.haveAccount')}{' '}
              <Link to={`/sign-in?next=${next}`}>{t('invitation.signInFirst')}</Link>
            </Text>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
