// The words of the DSL's work, with the labels people read. Keeping them here means the form, the chronology,
// the exports and the reports all say the same thing.

export const decisionKinds = ['monitor', 'school_support', 'early_help', 'mash_referral', 'police', 'lado', 'channel', 'camhs', 'other_agency', 'no_further_action'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionLabels: Record<DecisionKind, string> = {
  monitor: 'Monitor in school',
  school_support: 'School-based support',
  early_help: 'Early help (EHA / Team Around the Family)',
  mash_referral: 'Referral to the front door / MASH',
  police: 'Police',
  lado: 'LADO (allegation about an adult)',
  channel: 'Channel / Prevent',
  camhs: 'CAMHS',
  other_agency: 'Another agency',
  no_further_action: 'No further action',
};
/** Decisions that share information outside the school, so they are logged as information sharing. */
export const sharingDecisions: readonly DecisionKind[] = ['early_help', 'mash_referral', 'police', 'lado', 'channel', 'camhs', 'other_agency'];

export const consentPositions = ['given', 'not_sought', 'refused'] as const;
export type ConsentPosition = (typeof consentPositions)[number];
export const consentLabels: Record<ConsentPosition, string> = {
  given: 'Consent given',
  not_sought: 'Consent not sought',
  refused: 'Consent refused — proceeding anyway',
};

export const lawfulBases = ['safeguarding_children', 'legal_obligation', 'public_task', 'vital_interests', 'consent'] as const;
export const lawfulBasisLabels: Record<(typeof lawfulBases)[number], string> = {
  safeguarding_children: 'Safeguarding of children and individuals at risk (DPA 2018 Sch. 1 para 18)',
  legal_obligation: 'Legal obligation (UK GDPR Art. 6(1)(c))',
  public_task: 'Public task (UK GDPR Art. 6(1)(e))',
  vital_interests: 'Vital interests (UK GDPR Art. 6(1)(d))',
  consent: 'Consent (UK GDPR Art. 6(1)(a))',
};

export const agencies = ['mash', 'police', 'lado', 'channel', 'camhs', 'early_help', 'health', 'other'] as const;
export type Agency = (typeof agencies)[number];
export const agencyLabels: Record<Agency, string> = {
  mash: 'Front door / MASH (children’s social care)',
  police: 'Police',
  lado: 'LADO',
  channel: 'Channel / Prevent',
  camhs: 'CAMHS',
  early_help: 'Early Help',
  health: 'Health (school nurse, GP)',
  other: 'Other',
};

/** The agency a decision to share sends to, for carrying the decision into its referral; null where it does not refer. */
export const agencyForDecision: Record<DecisionKind, Agency | null> = {
  monitor: null,
  school_support: null,
  no_further_action: null,
  early_help: 'early_help',
  mash_referral: 'mash',
  police: 'police',
  lado: 'lado',
  channel: 'channel',
  camhs: 'camhs',
  other_agency: 'other',
};

export const referralMethods = ['phone', 'online_form', 'secure_email', 'in_person', 'letter'] as const;
export const referralMethodLabels: Record<(typeof referralMethods)[number], string> = {
  phone: 'Phone',
  online_form: 'Online form',
  secure_email: 'Secure email',
  in_person: 'In person',
  letter: 'Letter',
};

export const referralOutcomes = ['no_further_action', 'early_help', 'section17_assessment', 'section47_enquiry', 'strategy_meeting', 'signposted', 'other'] as const;
export const referralOutcomeLabels: Record<(typeof referralOutcomes)[number], string> = {
  no_further_action: 'No further action',
  early_help: 'Stepped down to early help',
  section17_assessment: 'Child and family assessment (s17)',
  section47_enquiry: 'Section 47 enquiry',
  strategy_meeting: 'Strategy meeting',
  signposted: 'Signposted to another service',
  other: 'Other',
};

export const statusFlags = ['cp_plan', 'child_in_need', 'looked_after', 'previously_looked_after', 'ehcp', 'sen_support', 'young_carer', 'early_help_plan', 'privately_fostered'] as const;
export type StatusFlag = (typeof statusFlags)[number];
export const statusFlagLabels: Record<StatusFlag, string> = {
  cp_plan: 'Child protection plan',
  child_in_need: 'Child in need (s17)',
  looked_after: 'Looked after',
  previously_looked_after: 'Previously looked after',
  ehcp: 'EHC plan',
  sen_support: 'SEN support',
  young_carer: 'Young carer',
  early_help_plan: 'Early help plan',
  privately_fostered: 'Privately fostered',
};

export const externalEventKinds = ['operation_encompass', 'strategy_meeting', 'cp_conference', 'core_group', 'cin_meeting', 'tac_meeting', 'police_contact', 'health', 'other'] as const;
export type ExternalEventKind = (typeof externalEventKinds)[number];
export const externalEventLabels: Record<ExternalEventKind, string> = {
  operation_encompass: 'Operation Encompass notification',
  strategy_meeting: 'Strategy meeting',
  cp_conference: 'Child protection conference',
  core_group: 'Core group meeting',
  cin_meeting: 'Child in need meeting',
  tac_meeting: 'Team Around the Child / Family meeting',
  police_contact: 'Police contact',
  health: 'Health appointment or report',
  other: 'Other event',
};

export const concernOutcomes = ['no_further_action', 'monitored_resolved', 'support_provided', 'early_help', 'referred', 'transferred', 'other'] as const;
export const concernOutcomeLabels: Record<(typeof concernOutcomes)[number], string> = {
  no_further_action: 'No further action',
  monitored_resolved: 'Monitored; no further worries',
  support_provided: 'School support provided',
  early_help: 'Early help in place',
  referred: 'Referred to another agency',
  transferred: 'Pupil left; file transferred',
  other: 'Other',
};

export const dslParts = ['subject', 'involved', 'witness', 'harmed', 'harmer_alleged', 'both'] as const;
export const dslPartLabels: Record<(typeof dslParts)[number], string> = {
  subject: 'Subject of the concern',
  involved: 'Involved',
  witness: 'Witness',
  harmed: 'Harmed',
  harmer_alleged: 'Alleged to have caused harm',
  both: 'Both harmed and alleged to have caused harm',
};

/** The default clocks of statutory guidance; a pack may give others. */
export const REFERRAL_ACKNOWLEDGEMENT_WORKING_DAYS = 1;
export const ASSESSMENT_OUTCOME_WORKING_DAYS = 45;
