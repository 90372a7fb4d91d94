// The other modules' parts of a patient's export and erasure (ADR 33), connected once per process in
// server/modules/index.ts: each module knows its own tables, this module only runs the steps.
import type { PatientErasureStep, PatientExportStep } from '../module';

interface Steps {
  exports: readonly { module: string; step: PatientExportStep }[];
  erasures: readonly { module: string; step: PatientErasureStep }[];
}

let steps: Steps = { exports: [], erasures: [] };

/** Connects the modules' export and erasure steps (server/modules/index.ts, once per process). */
export function providePrivacySteps(all: Steps): void {
  steps = all;
}

export function exportSteps(): Steps['exports'] {
  return steps.exports;
}

export function erasureSteps(): Steps['erasures'] {
  return steps.erasures;
}
