// Corrections of verified lab results (ADR 35): a technician enters the test again with the reason,
// a second person releases it, and the results it replaced stay on the order and the report.
export const labCorrectionPages = {
  labCorrections: {
    toRelease_one: '{{count}} correction to release',
    toRelease_other: '{{count}} corrections to release',
    correct: 'Correct results',
    correctOf: 'Correct the results of {{name}}',
    changeCorrection: 'Change correction',
    formTitle: 'Correct {{code}} · {{accession}}',
    formHint:
      'The results shown stay as they are until a second person releases the correction. Enter every value again; the patient and the doctor who ordered the test are told, with your reason.',
    reasonLabel: 'Reason for the correction',
    reasonHint: 'Printed on the report: what was wrong (e.g. “Haemoglobin mistyped: 1.4 for 14.1”).',
    save: 'Save correction',
    saved: 'Correction of {{code}} saved. A second person releases it.',
    pendingTitle: 'Correction waiting for a second person',
    pendingBy: 'Entered by {{name}}, {{at}}: {{reason}}',
    release: 'Release correction',
    releaseOf: 'Release the correction of {{name}}',
    releaseTitle: 'Release the correction of {{code}} · {{accession}}?',
    releaseMessage:
      'Check each corrected value against the analyser’s print-out. Once released, the corrected results replace the ones shown now (which stay on record as replaced), and the doctor and the patient are told. Entered by {{name}}: {{reason}}',
    releaseConfirm: 'Release correction',
    released: 'Correction of {{code}} released.',
    withdraw: 'Withdraw',
    withdrawOf: 'Withdraw the correction of {{name}}',
    withdrawTitle: 'Withdraw the correction of {{code}}?',
    withdrawMessage: 'The corrected values are discarded; the results shown now stay as they are.',
    withdrawConfirm: 'Withdraw correction',
    withdrawn: 'Correction of {{code}} withdrawn.',
    correctedBadge: 'Corrected',
    correctedOn: '{{at}}, released by {{released}} (entered by {{entered}}): {{reason}}',
    replacedValues: 'Results replaced on {{at}}',
    replacedCaption: 'Results of {{name}} before the correction of {{at}}',
    errors: {
      secondPerson:
        'You entered this correction, so you cannot release it: another technician has to check and release it.',
      notNow:
        'This correction cannot be acted on now: it was released or withdrawn meanwhile. See the order as it is now.',
    },
  },
};
