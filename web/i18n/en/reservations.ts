// Bed reservations on the bed board: reserving a bed for a named patient, the reserved tile,
// cancelling, and admitting someone else into a reserved bed (with a reason).
export const reservationPages = {
  reservations: {
    reserve: 'Reserve for a patient',
    title: 'Reserve bed {{bed}}',
    patient: 'Patient',
    choosePatient: 'Choose the patient the bed is for.',
    startsLater: 'Needed from a later time, not now',
    from: 'From',
    until: 'Held until',
    zoneHint: 'Date and time in {{zone}}.',
    untilHint:
      'The reservation lapses by itself then, at most {{days}} days ahead. Date and time in {{zone}}.',
    reason: 'Reason',
    reasonHint:
      'For example: planned surgery, transfer from another hospital, waiting in the emergency room.',
    submit: 'Reserve',
    done: 'Bed {{bed}} reserved for {{name}}.',
    invalid: {
      fromRequired: 'Give the date and time the bed is needed from.',
      untilRequired: 'Give the date and time the reservation lapses.',
      past: 'This time has already passed.',
      untilBeforeFrom: 'The reservation must end after it starts.',
      tooFar: 'A bed is reserved for at most {{days}} days ahead.',
    },
    tile: {
      for: 'Reserved for',
      from: 'From {{when}}',
      until: 'Until {{when}}',
    },
    admitNamed: 'Admit {{name}}',
    cancel: 'Cancel reservation',
    cancelTitle: 'Cancel the reservation of bed {{bed}}?',
    cancelMessage: 'The bed is free again for anyone; no bed is held for {{name}} any more.',
    cancelReason: 'Reason (optional)',
    cancelled: 'The reservation of bed {{bed}} is cancelled.',
    pickerFor: 'Reserved for {{name}}',
    override: {
      title: 'This bed is reserved for someone else',
      body: 'Reserved for {{name}} until {{when}}. To put this patient in it anyway, say why: it is recorded, and the reservation ends.',
      bodyUnknown: 'To put this patient in it anyway, say why: it is recorded, and the reservation ends.',
      reason: 'Why this patient goes into the reserved bed',
      reasonRequired: 'Say why the reservation gives way.',
      admit: 'Admit anyway',
      transfer: 'Move anyway',
    },
    errors: {
      bedTaken: 'A patient is in this bed now, so it cannot be reserved. Choose another bed.',
      overlap: 'This bed is already reserved for another patient at that time. Choose another bed or time.',
      patientHasOne:
        'A bed is already reserved for this patient here. Cancel that reservation first, or admit them into it.',
      past: 'This time has already passed. Choose a later one.',
      notReady: 'This bed is not free any more (being cleaned or under maintenance). Choose another bed.',
      outOfService: 'This bed is not in service. Choose another bed.',
      reservedForOther:
        'This bed is reserved for another patient. Choose another bed, or say why this patient must have it.',
      noLongerHolds:
        'This reservation no longer holds the bed: it was used, cancelled or has lapsed. The board now shows the bed as it is.',
    },
  },
};
