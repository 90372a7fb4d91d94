import { notifications } from '@mantine/notifications';
import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from './api';
import i18n from '../i18n';

/**
 * Puts the API's field errors next to their fields. Returns the message for the form as a whole
 * (null when every problem belongs to a field the form shows).
 */
export function applyServerErrors<T>(
  form: UseFormReturnType<T>,
  err: unknown,
  /** Server paths that live under a different name in this form. */
  rename: Record<string, string> = {},
): string | null {
  if (!(err instanceof ApiError)) return i18n.t('errors.unexpected');
  const values = form.getValues() as Record<string, unknown>;
  let unplaced = false;
  let placed = false;
  for (const [path, message] of Object.entries(err.fieldErrors)) {
    const field = rename[path] ?? path;
    const top = field.split('.')[0]!;
    if (top in values) {
      form.setFieldError(field, message);
      placed = true;
    } else {
      unplaced = true;
    }
  }
  if (placed && !unplaced) return null;
  return errorMessage(err);
}

/** A person-readable message for any failure of an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return i18n.t('errors.network');
    if (err.code === 'RATE_LIMITED') return i18n.t('errors.rateLimited');
    if (err.code === 'CSRF_FAILED') return i18n.t('errors.csrf');
    if (err.status >= 500) return i18n.t('errors.server');
    return err.message;
  }
  return i18n.t('errors.unexpected');
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, withBorder: true, autoClose: 6000 });
}

export function notifyError(err: unknown): void {
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: errorMessage(err),
    withBorder: true,
  });
}

/** Empty text inputs mean "not given": drop them so optional fields stay unset. */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (typeof v === 'string' && v.trim() === '') continue;
    if (v === null || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

/**
 * Checks values against a contract schema (the same one the server uses) and puts each problem on
 * its field. Returns the parsed value, or null when something is wrong.
 */
export function validateWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  payload: unknown,
  form: { setErrors(errors: Record<string, string>): void },
): T | null {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  form.setErrors(errors);
  return null;
}

/** Input props for an optional Select: '' in the form is "nothing chosen" (null) for the Select. */
export function optionalSelect<T>(form: UseFormReturnType<T>, path: string) {
  const props = form.getInputProps(path as never);
  return {
    ...props,
    value: (props.value as string) || null,
    onChange: (v: string | null) => props.onChange(v ?? ''),
  };
}
