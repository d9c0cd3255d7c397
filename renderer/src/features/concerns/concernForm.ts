// The concern form as the page holds it: the words exactly as typed (dates as dd/MM/yyyy), the pupils with the
// names the person chose them by, and the body-map marks. It is what a draft stores (never the attachments),
// and it is turned into the shared schema's input only when checking or submitting.
import { concernInputSchema, type Attachment, type BodyMapMark, type PupilPart, type PupilPick, type PupilSummary } from '../../../../shared/api';
import { formatDate, formatTime, londonDateTime, parseUkDate } from '../../../../shared/calendar';
import { checkWith, type Checked, type FieldMessages } from '../../components';

/** A child as the concern form knows them: the pick everyone gets, and for a DSL the roster's household and leaving date. */
export type PickedPupil = PupilPick & Partial<Pick<PupilSummary, 'householdId' | 'leftOn'>>;

export interface ChosenPupil {
  pupil: PickedPupil;
  part: PupilPart;
}

export type EditableMark = Required<Pick<BodyMapMark, 'view' | 'x' | 'y' | 'size' | 'colour' | 'shape' | 'childExplanation'>>;

export interface ConcernFormState {
  pupils: ChosenPupil[];
  /** The child's name and class as the person knows them, when the roster cannot be searched (the records are locked). */
  childDescribed: string;
  aboutAnAdult: boolean;
  occurredDate: string;
  occurredTime: string;
  location: string;
  othersPresent: string;
  whatHappened: string;
  childWords: string;
  leaveToDsl: boolean;
  categories: string[];
  bodyMap: EditableMark[];
  actionTaken: string;
  urgent: boolean;
  spokenToDslInPerson: '' | 'yes' | 'no';
  immediateDanger: boolean;
  fgmPoliceReference: string;
}

/** An empty form, timed now in London. */
export function emptyConcernForm(now = new Date()): ConcernFormState {
  return {
    pupils: [],
    childDescribed: '',
    aboutAnAdult: false,
    occurredDate: formatDate(now),
    occurredTime: formatTime(now),
    location: '',
    othersPresent: '',
    whatHappened: '',
    childWords: '',
    leaveToDsl: false,
    categories: [],
    bodyMap: [],
    actionTaken: '',
    urgent: false,
    spokenToDslInPerson: '',
    immediateDanger: false,
    fgmPoliceReference: '',
  };
}

/** Whether anything worth keeping has been typed or chosen (an untouched form is not saved as a draft). */
export function hasContent(form: ConcernFormState): boolean {
  return (
    form.pupils.length > 0 ||
    form.bodyMap.length > 0 ||
    form.categories.length > 0 ||
    [form.childDescribed, form.location, form.othersPresent, form.whatHappened, form.childWords, form.actionTaken, form.fgmPoliceReference].some((text) => text.trim() !== '')
  );
}

const draftVersion = 1;

export function serialiseDraft(form: ConcernFormState): string {
  return JSON.stringify({ version: draftVersion, form });
}

/** A stored draft back into the form; anything missing or unreadable falls back to the empty form's value. */
export function parseDraft(text: string): ConcernFormState | null {
  try {
    const parsed = JSON.parse(text) as { version?: number; form?: Partial<ConcernFormState> };
    if (parsed.version !== draftVersion || typeof parsed.form !== 'object' || parsed.form === null) return null;
    return { ...emptyConcernForm(), ...parsed.form };
  } catch {
    return null;
  }
}

/** A line describing a draft, for choosing which one to carry on with. */
export function describeDraft(form: ConcernFormState): string {
  const pupils = form.pupils.map((chosen) => pupilName(chosen.pupil));
  if (form.childDescribed.trim() !== '') pupils.push(`“${form.childDescribed.trim()}”`);
  const words = form.whatHappened.trim().replace(/\s+/g, ' ');
  const start = words.length > 60 ? `${words.slice(0, 60)}…` : words;
  return [pupils.length > 0 ? pupils.join(', ') : 'No pupil chosen yet', start ? `“${start}”` : null].filter(Boolean).join(' — ');
}

export function pupilName(pupil: Pick<PupilSummary, 'legalFirstName' | 'legalLastName' | 'preferredName'>): string {
  return `${pupil.preferredName || pupil.legalFirstName} ${pupil.legalLastName}`;
}

export function pupilDetails(pupil: PickedPupil): string {
  return [pupil.yearGroup ? `Year ${pupil.yearGroup.replace(/^Year\s*/i, '')}` : null, pupil.registrationGroup ? `class ${pupil.registrationGroup}` : null, pupil.leftOn ? 'has left' : null]
    .filter(Boolean)
    .join(', ');
}

/** Field paths as the page links them: `pupils.0.pupilId` and `bodyMap.2.size` are shown against the whole section. */
export function sectionMessages(messages: FieldMessages): FieldMessages {
  const sections: FieldMessages = {};
  for (const [path, message] of Object.entries(messages)) {
    const section = path.split('.')[0] ?? path;
    sections[section] ??= message;
  }
  return sections;
}

export const fieldOrder = [
  'immediateDanger',
  'pupils',
  'childDescribed',
  'occurredDate',
  'occurredTime',
  'location',
  'othersPresent',
  'whatHappened',
  'childWords',
  'categories',
  'fgmPoliceReference',
  'bodyMap',
  'attachments',
  'actionTaken',
  'spokenToDslInPerson',
] as const;

/** Checks the form with the same schema the core uses, plus the checks that need the person's words (dates). */
export function checkConcern(form: ConcernFormState, attachments: readonly Attachment[], draftId: string | null, now = new Date()): Checked<ReturnType<typeof concernInputSchema.parse>> {
  const extra: FieldMessages = {};
  const date = parseUkDate(form.occurredDate);
  let occurredDate = '';
  if (date.ok) occurredDate = date.isoDate;
  else extra.occurredDate = date.message;
  const time = form.occurredTime.trim();
  if (date.ok && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) && londonDateTime(date.isoDate, time).getTime() > now.getTime() + 60_000) {
    extra.occurredDate = 'The date and time cannot be in the future';
  }
  const raw = {
    pupils: form.pupils.map((chosen) => ({ pupilId: chosen.pupil.id, part: chosen.part })),
    childDescribed: form.childDescribed,
    occurredDate,
    occurredTime: time,
    location: form.location,
    othersPresent: form.othersPresent,
    whatHappened: form.whatHappened,
    childWords: form.childWords,
    categories: form.leaveToDsl ? [] : form.categories,
    bodyMap: form.bodyMap,
    actionTaken: form.actionTaken,
    urgent: form.urgent,
    spokenToDslInPerson: form.urgent || form.immediateDanger ? form.spokenToDslInPerson || null : null,
    immediateDanger: form.immediateDanger,
    fgmPoliceReference: form.fgmPoliceReference,
    attachments: [...attachments],
    draftId,
  };
  const checked = checkWith(concernInputSchema, raw, extra);
  if (!checked.ok) {
    // The date field already says what is wrong with the date; the schema's own message about the empty ISO date adds nothing.
    const errors = sectionMessages({ ...checked.errors, ...extra });
    return { ok: false, errors };
  }
  return checked;
}
