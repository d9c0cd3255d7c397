// The MASH referral pack: gathered from the child's file, shaped by the DSL's choices (sections, narratives,
// chronology entries, addressee, consent), and written as a versioned JSON document. The PDF is drawn from that
// same document, so the two can never disagree.
import type { ChronologyEntry, ConcernView } from '../../../shared/api';
import { consentLabels, decisionLabels, statusFlagLabels, type ConsentPosition, type DecisionKind, type StatusFlag } from '../../../shared/casework';
import { formatDate, londonIsoDate } from '../../../shared/calendar';
import { neutraliseBidiDeep } from '../../../shared/text';
import {
  REFERRAL_PACK_SCHEMA_ID,
  REFERRAL_PACK_SCHEMA_VERSION,
  referralPackDocumentSchema,
  referralSectionHeadings,
  referralSectionIds,
  requiredReferralSections,
  type ReferralPackDocument,
  type ReferralSectionId,
} from '../../../shared/exports/referralPackSchema';
import type { ReferralNarratives } from '../../../shared/api/exportCommands';
import { childFile, chronology } from '../casework/childFile';
import { schoolCalendar } from '../casework/clocks';
import { CommandError } from '../dispatch/commandError';
import { loadPacks } from '../packs/packLibrary';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { concernsAbout, otherDesignatedLeads, schoolDetails } from './fileSources';

export const MARKING = 'OFFICIAL-SENSITIVE';

/** Narratives a DSL can rewrite for the pack; the rest is facts from the file. */
const editableSections: ReadonlySet<ReferralSectionId> = new Set(['reason', 'signsOfSafety', 'wishesAndFeelings', 'earlyHelp', 'otherAgencies']);

export const referralSections = () =>
  referralSectionIds.map((id) => ({ id, heading: referralSectionHeadings[id], required: requiredReferralSections.includes(id), editable: editableSections.has(id) }));

export interface ReferralChoices {
  concernId: string | null;
  sections?: readonly ReferralSectionId[];
  narratives?: Partial<ReferralNarratives>;
  chronologyEntryIds?: readonly string[];
  addressedTo?: { packId: string | null; contactName: string; phone: string; email: string };
  referrer?: { role: string; phone: string; email: string };
  consent?: { position: ConsentPosition; reason: string };
}

interface Sender {
  id: string;
  displayName: string;
}

export interface GatheredReferral {
  document: ReferralPackDocument;
  chronologyEntries: ChronologyEntry[];
}

export function gatherReferral(db: Store, pupilId: string, choices: ReferralChoices, sender: Sender, exportId: string, now: Date): GatheredReferral {
  const file = childFile(db, schoolCalendar(db), pupilId, now);
  if (!file) throw new CommandError('not_found', 'That pupil does not exist.');
  const viewer = { id: sender.id, role: 'dsl' as const };
  const concerns = concernsAbout(db, pupilId, viewer, now);
  if (choices.concernId && !concerns.some((concern) => concern.id === choices.concernId)) throw new CommandError('not_found', 'That concern does not exist for this pupil.');
  const concern = choices.concernId ? concerns.find((candidate) => candidate.id === choices.concernId)! : (concerns.at(-1) ?? null);
  const entries = chronology(db, pupilId);
  const wanted = choices.chronologyEntryIds ? new Set(choices.chronologyEntryIds) : null;
  const included = (id: ReferralSectionId) => requiredReferralSections.includes(id) || !choices.sections || choices.sections.includes(id);
  const defaults = defaultNarratives(db, pupilId, concerns);
  const narrative = (key: keyof ReferralNarratives) => choices.narratives?.[key] ?? defaults[key];
  const settings = readSettings(db);
  const pack = settings.pack.packId ? (loadPacks(db).get(settings.pack.packId)?.pack ?? null) : null;
  const frontDoor = pack?.contacts.find((contact) => contact.role === 'mash_front_door');
  const addressedTo = choices.addressedTo ?? { packId: pack?.id ?? null, contactName: frontDoor?.name ?? '', phone: frontDoor?.phone ?? '', email: frontDoor?.email ?? '' };
  const addressedPack = addressedTo.packId ? (loadPacks(db).get(addressedTo.packId)?.pack ?? null) : null;
  const consent = choices.consent ?? recordedConsent(db, pupilId) ?? { position: 'not_sought' as const, reason: '' };
  const pupil = file.pupil;

  const document: ReferralPackDocument = {
    $schema: REFERRAL_PACK_SCHEMA_ID,
    kind: 'mash-referral-pack',
    schemaVersion: REFERRAL_PACK_SCHEMA_VERSION,
    exportId,
    generatedAt: now.toISOString(),
    marking: MARKING,
    includedSections: referralSectionIds.filter(included),
    cover: {
      school: schoolDetails(db),
      referrer: { name: sender.displayName, role: choices.referrer?.role || 'Designated safeguarding lead', phone: choices.referrer?.phone || settings.dslOnDuty.extension, email: choices.referrer?.email ?? '' },
      otherDesignatedLeads: otherDesignatedLeads(db, sender.id),
      addressedTo: { packId: addressedTo.packId, packTitle: addressedPack?.title ?? null, contactName: addressedTo.contactName, phone: addressedTo.phone, email: addressedTo.email },
      date: londonIsoDate(now),
    },
    child: {
      legalFirstName: pupil.legalFirstName,
      legalLastName: pupil.legalLastName,
      preferredName: pupil.preferredName,
      dateOfBirth: pupil.dateOfBirth,
      upn: pupil.upn,
      gender: pupil.gender,
      yearGroup: pupil.yearGroup,
      address: pupil.address,
      postcode: pupil.postcode,
      ethnicity: pupil.ethnicity,
      firstLanguage: pupil.firstLanguage,
      religion: pupil.religion,
      senStatus: pupil.senStatus,
      statusFlags: file.flags.map((flag) => ({ flag: flag.flag, label: statusFlagLabels[flag.flag as StatusFlag], startDate: flag.startDate, endDate: flag.endDate })),
    },
    household: included('household') ? { adults: pupil.contacts, siblingsAtSchool: file.siblings.map((sibling) => ({ name: sibling.name, yearGroup: sibling.yearGroup })) } : null,
    reason: included('reason') ? { reasonForReferral: narrative('reasonForReferral'), whatTheSchoolIsAskingFor: narrative('whatTheSchoolIsAskingFor') } : null,
    currentConcern: included('currentConcern') && concern ? concernDocument(concern) : null,
    chronology: included('chronology') ? entries.filter((entry) => !wanted || wanted.has(entry.id)).map((entry) => ({ at: entry.at, kind: entry.kind, title: entry.title, detail: entry.detail, by: entry.by })) : null,
    thresholdAssessment: included('thresholdAssessment') ? latestAssessment(db, pupilId) : null,
    signsOfSafety: included('signsOfSafety') ? { worries: narrative('worries'), workingWell: narrative('workingWell'), needsToHappen: narrative('needsToHappen') } : null,
    wishesAndFeelings: included('wishesAndFeelings') ? narrative('wishesAndFeelings') : null,
    earlyHelp: included('earlyHelp') ? narrative('earlyHelp') : null,
    otherAgencies: included('otherAgencies') ? narrative('otherAgencies') : null,
    consent: { position: consent.position, label: consentLabels[consent.position], reason: consent.reason },
    attachments: included('attachments') ? concerns.flatMap((item) => item.attachments.map((attachment) => ({ name: attachment.name, type: attachment.type, sizeBytes: attachment.size }))) : null,
  };
  // Direction controls are taken out of every string, so the JSON reads in the order the words were typed.
  return { document: referralPackDocumentSchema.parse(neutraliseBidiDeep(document)), chronologyEntries: entries };
}

function concernDocument(concern: ConcernView): NonNullable<ReferralPackDocument['currentConcern']> {
  return {
    concernId: concern.id,
    occurredAt: concern.occurredAt,
    recordedAt: concern.recordedAt,
    recordedBy: concern.author.displayName,
    location: concern.location,
    categories: concern.categories.map((category) => category.label),
    whatHappened: concern.whatHappened,
    childsOwnWords: concern.childWords,
    othersPresent: concern.othersPresent,
    actionTaken: concern.actionTaken,
    bodyMap: concern.bodyMap,
    addenda: concern.addenda.map((addendum) => ({ writtenAt: addendum.writtenAt, by: addendum.author, text: addendum.text })),
  };
}

/** Starting points drawn from the file; the DSL edits them in the preview. */
function defaultNarratives(db: Store, pupilId: string, concerns: readonly ConcernView[]): ReferralNarratives {
  const decisions = db.prepare('SELECT decision, reasons, decided_at FROM decisions WHERE pupil_id = ? ORDER BY decided_at').all(pupilId) as Array<{ decision: DecisionKind; reasons: string; decided_at: string }>;
  const referralDecision = [...decisions].reverse().find((decision) => decision.decision === 'mash_referral') ?? decisions.at(-1);
  const earlyHelp = decisions.filter((decision) => decision.decision === 'early_help' || decision.decision === 'school_support');
  const agencies = db.prepare('SELECT agency, contact, referred_at FROM referrals WHERE pupil_id = ? ORDER BY referred_at').all(pupilId) as Array<{ agency: string; contact: string; referred_at: string }>;
  const events = db.prepare("SELECT kind, occurred_at, source FROM external_events WHERE pupil_id = ? AND source <> '' ORDER BY occurred_at").all(pupilId) as Array<{ kind: string; occurred_at: string; source: string }>;
  const words = concerns.filter((concern) => concern.childWords.trim() !== '');
  return {
    reasonForReferral: referralDecision?.reasons ?? '',
    whatTheSchoolIsAskingFor: '',
    worries: '',
    workingWell: '',
    needsToHappen: '',
    wishesAndFeelings: words.map((concern) => `On ${formatDate(new Date(concern.occurredAt))} the child said: “${concern.childWords}”`).join('\n'),
    earlyHelp: earlyHelp.map((decision) => `${formatDate(new Date(decision.decided_at))}: ${decisionLabels[decision.decision]} — ${decision.reasons}`).join('\n'),
    otherAgencies: [
      ...agencies.map((referral) => `${formatDate(new Date(referral.referred_at))}: referred to ${(JSON.parse(referral.contact) as { name: string }).name}`),
      ...events.map((event) => `${formatDate(new Date(event.occurred_at))}: ${event.source}`),
    ].join('\n'),
  };
}

/** The consent position and its reason from the latest sharing the DSL recorded (a decision, a referral), if any. */
export function recordedConsent(db: Store, pupilId: string): { position: ConsentPosition; reason: string } | null {
  const row = db.prepare('SELECT consent, consent_reason FROM information_sharing WHERE pupil_id = ? AND shared = 1 ORDER BY shared_at DESC, recorded_at DESC LIMIT 1').get(pupilId) as { consent: ConsentPosition; consent_reason: string } | undefined;
  return row ? { position: row.consent, reason: row.consent_reason } : null;
}

function latestAssessment(db: Store, pupilId: string): ReferralPackDocument['thresholdAssessment'] {
  const row = db.prepare('SELECT * FROM threshold_assessments WHERE pupil_id = ? ORDER BY assessed_at DESC LIMIT 1').get(pupilId) as
    | { pack_id: string; assessed_at: string; indicators: string; suggested_level: string | null; suggested_band: string | null; judged_level: string; reasons: string }
    | undefined;
  if (!row) return null;
  const indicatorTexts = new Map((loadPacks(db).get(row.pack_id)?.pack.indicators ?? []).map((indicator) => [indicator.id, indicator.text]));
  return {
    packId: row.pack_id,
    assessedAt: row.assessed_at,
    indicators: (JSON.parse(row.indicators) as Array<{ id: string; observation?: string }>).map((tick) => ({ id: tick.id, text: indicatorTexts.get(tick.id) ?? tick.id, observation: tick.observation ?? '' })),
    suggestedLevel: row.suggested_level,
    suggestedBand: row.suggested_band,
    judgedLevel: row.judged_level,
    reasons: row.reasons,
  };
}
