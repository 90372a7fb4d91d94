// Ward requests: a nurse asks the pharmacy for medicines for a ward store, the pharmacist issues
// them (all or part), and the nurse confirms they arrived on the ward.
export const wardPages = {
  ward: {
    title: 'Ward requests',
    descriptionWard:
      'Medicines your wards asked the pharmacy for. When they reach the ward, confirm receipt so they count in the ward store.',
    descriptionPharmacy:
      'Medicines the wards asked for. Issue them from the pharmacy; the ward confirms when they arrive.',
    new: 'New request',
    filter: 'Show requests',
    filters: {
      requested: 'New',
      partly_issued: 'Partly issued',
      issued: 'Issued',
      received: 'Received',
      all: 'All',
    },
    empty: {
      requested: 'No new requests',
      partly_issued: 'No partly issued requests',
      issued: 'Nothing issued is waiting for the ward',
      received: 'No received requests yet',
      all: 'No ward requests yet',
    },
    emptyBody: 'A request appears here as soon as a nurse asks the pharmacy for medicines for a ward.',
    number: 'Request',
    store: 'Ward store',
    items: 'Medicines',
    requestedAt: 'Asked',
    status: {
      requested: 'Requested',
      partly_issued: 'Partly issued',
      issued: 'Issued',
      received: 'Received',
      cancelled: 'Cancelled',
    },

    newTitle: 'New ward request',
    newDescription: 'Ask the pharmacy for medicines for a ward store.',
    chooseStore: 'Choose the ward store',
    noStores: 'This hospital has no ward stores yet. A hospital administrator adds them.',
    note: 'Note for the pharmacy',
    addMedicine: 'Add a medicine',
    noLines: 'Search above and choose each medicine the ward needs.',
    quantityIn: 'Quantity ({{unit}})',
    removeLine: 'Remove {{name}}',
    send: 'Send to the pharmacy',
    created: 'Request {{number}} sent to the pharmacy.',

    requestTitle: 'Request {{number}} · {{store}}',
    requestedBy: 'Asked by {{name}}, {{date}}',
    issuedOn: 'Issued {{date}}',
    receivedOn: 'Received {{date}}',
    medicine: 'Medicine',
    requested: 'Asked',
    issued: 'Issued',
    receivedCol: 'Received',

    issueTitle: 'Issue from the pharmacy',
    issueHint:
      'Each line starts with all that is still to issue. Lower a quantity to send part now and the rest later, or set 0 to leave a line for later. Batches are taken first expiry first.',
    toIssue: '{{amount}} still to issue',
    quantityFor: 'Quantity of {{name}} to issue',
    atMost: 'At most {{count}}',
    issue: 'Issue',
    issuedOk: 'Issued on request {{number}}. Take the batches shown to the ward.',
    notIssued: 'Nothing was issued',
    pickTitle: 'Issued: take these batches',

    receive: 'Confirm receipt',
    receiveTitle: 'Has request {{number}} arrived?',
    receiveMessage:
      'Confirm once the medicines are on the ward: everything issued on this request so far is added to {{store}}.',
    received: 'Request {{number}} received. The medicines now count in the ward store.',
    close: 'Close short',
    closeTitle: 'Close request {{number}} without the rest?',
    closeMessage:
      'These will not be issued: {{items}}. What arrived stays in {{store}}, and the request is marked received.',
    closedShort: 'Closed short: not everything asked for was issued',
    closed: 'Request {{number}} closed. It is marked received with what arrived.',
    cancel: 'Cancel request',
    cancelTitle: 'Cancel request {{number}}?',
    cancelMessage: 'Nothing has been issued on it yet. The pharmacy will no longer be asked for it.',
    cancelled: 'Request {{number}} cancelled.',
  },
};
