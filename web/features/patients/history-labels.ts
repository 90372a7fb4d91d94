import i18n from '../../i18n';

// A key segment made from an audit action: `patient.allergy_recorded` -> `patient_allergy_recorded`.
const SEGMENT = /^[a-z][a-z0-9_]*$/;

/** The translated words under `group.<id>`, or null when this version of the app has none. */
function wordsFor(group: string, code: string): string | null {
  const id = code.replaceAll('.', '_');
  if (!SEGMENT.test(id)) return null;
  const key = `${group}.${id}`;
  if (!i18n.exists(key)) return null;
  // `constructor` and the like exist on every object: only a string is a label.
  const words: unknown = i18n.t(key as never);
  return typeof words === 'string' && words !== '' ? words : null;
}

/** A timeline entry's title: the action in words, a generic label for unknown ones, never the code. */
export function timelineActionLabel(action: string): string {
  return wordsFor('timeline.actions', action) ?? i18n.t('timeline.otherAction');
}

/** What an access-log entry opened, in words (the record, the documents list…), never the code. */
export function accessOpenedLabel(opened: string): string {
  return wordsFor('accessLog.opened', opened) ?? i18n.t('accessLog.otherOpened');
}
