import { Anchor, Group, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ME_KEY, useMe } from '../../lib/session';
import { AuthLayout } from './AuthLayout';
import { CodeStep } from './CodeStep';
import { EmailStep } from './EmailStep';
import { PasswordStep } from './PasswordStep';
import { RegisterStep } from './RegisterStep';

type Step = 'email' | 'password' | 'code' | 'register';

/** Only same-site paths inside the app: `next` must never send someone to another site. */
function safeNext(next: string | null): string {
  return next && (next.startsWith('/app') || next.startsWith('/invitations/accept?')) ? next : '/app';
}

/**
 * One page for signing in and signing up. The email comes first; the page then offers both a
 * password and "create an account", so it never tells anyone whether an address has an account.
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  useDocumentTitle(`${t('auth.title')} · ${t('app.name')}`);

  const next = safeNext(params.get('next'));
  const done = async () => {
    await client.resetQueries({ queryKey: ME_KEY });
    await navigate(next, { replace: true });
  };

  if (me.data && step === 'email') return <Navigate to={next} replace />;

  const changeEmail = (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" truncate="end" data-testid="chosen-email">
        {email}
      </Text>
      <Anchor component="button" type="button" size="sm" onClick={() => setStep('email')}>
        {t('auth.changeEmail')}
      </Anchor>
    </Group>
  );

  return (
    <AuthLayout wide={step === 'register'}>
      <Title order={1} fz="h2">
        {step === 'register'
          ? t('auth.register.title')
          : step === 'code'
            ? t('auth.code.title')
            : t('auth.title')}
      </Title>
      {step === 'email' && (
        <EmailStep
          initial={email}
          onNext={(value) => {
            setEmail(value);
            setStep('password');
          }}
        />
      )}
      {step === 'password' && (
        <>
          {changeEmail}
          <PasswordStep email={email} onSignedIn={done} onCreateAccount={() => setStep('code')} />
        </>
      )}
      {step === 'code' && (
        <>
          {changeEmail}
          <CodeStep
            email={email}
            error={codeError}
            onNext={(value) => {
              setCode(value);
              setCodeError(null);
              setStep('register');
            }}
          />
        </>
      )}
      {step === 'register' && (
        <>
          {changeEmail}
          <RegisterStep
            email={email}
            code={code}
            onRegistered={done}
            onBadCode={(message) => {
              setCodeError(message);
              setStep('code');
            }}
          />
        </>
      )}
    </AuthLayout>
  );
}
