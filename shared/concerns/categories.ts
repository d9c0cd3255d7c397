// The default concern categories, following KCSIE. Schools can change the list in settings; every category carries
// short guidance so a member of staff can choose without training — or leave categorising to the DSL.

export type Duty = 'fgm' | 'prevent' | null;

export interface ConcernCategory {
  id: string;
  label: string;
  guidance: string;
  /** A personal or school duty that this category brings with it, shown as a banner on the form. */
  duty: Duty;
}

export const defaultCategories: readonly ConcernCategory[] = [
  { id: 'physical-abuse', label: 'Physical abuse', guidance: 'Hitting, shaking, throwing, burning, or marks and injuries without a likely explanation.', duty: null },
  { id: 'emotional-abuse', label: 'Emotional abuse', guidance: 'Persistent belittling, threats, humiliation, or a child seeing or hearing others being hurt.', duty: null },
  { id: 'sexual-abuse', label: 'Sexual abuse', guidance: 'Any sexual activity involving a child, online or offline, including grooming and sharing images.', duty: null },
  { id: 'neglect', label: 'Neglect', guidance: 'Basic needs not met: hunger, hygiene, clothing, medical care, supervision or a safe home.', duty: null },
  { id: 'child-on-child', label: 'Child-on-child abuse', guidance: 'Bullying, physical or sexual harm, harassment or image sharing between children. Record the facts; the DSL decides each child’s part.', duty: null },
  { id: 'online-safety', label: 'Online safety', guidance: 'Harmful contact, content or conduct online, including sharing nudes and semi-nudes.', duty: null },
  { id: 'mental-health', label: 'Mental health', guidance: 'Changes in mood or behaviour that worry you; anxiety, withdrawal, distress.', duty: null },
  { id: 'self-harm', label: 'Self-harm or suicidal thoughts', guidance: 'Any sign or mention of self-harm, or of wanting to die. If the child is at risk now, get help immediately.', duty: null },
  { id: 'domestic-abuse', label: 'Domestic abuse', guidance: 'Abuse between adults at home that the child sees, hears or lives with.', duty: null },
  { id: 'cse', label: 'Child sexual exploitation (CSE)', guidance: 'A child given gifts, money, drugs or attention in exchange for sexual activity; older “boyfriends” or “girlfriends”.', duty: null },
  { id: 'cce', label: 'Child criminal exploitation / county lines', guidance: 'A child made or persuaded to carry drugs or money, unexplained cash, phones or travel, going missing.', duty: null },
  { id: 'radicalisation', label: 'Radicalisation (Prevent)', guidance: 'Support for extremist views or groups, or being drawn into terrorism.', duty: 'prevent' },
  { id: 'fgm', label: 'Female genital mutilation (FGM)', guidance: 'A girl says or shows that FGM has been carried out, or may be planned (e.g. a long trip “to be made a woman”).', duty: 'fgm' },
  { id: 'honour-based-abuse', label: 'Honour-based abuse', guidance: 'Harm or control to protect a family’s or community’s “honour”.', duty: null },
  { id: 'forced-marriage', label: 'Forced marriage', guidance: 'A child may be made to marry, or taken abroad to marry.', duty: null },
  { id: 'missing', label: 'Missing, or missing education', guidance: 'A child who goes missing from home or school, or stops attending without explanation.', duty: null },
  { id: 'young-carer', label: 'Young carer', guidance: 'A child who looks after a family member who is ill, disabled or misusing drugs or alcohol.', duty: null },
  { id: 'private-fostering', label: 'Private fostering', guidance: 'A child under 16 (18 if disabled) living for 28 days or more with an adult who is not a close relative.', duty: null },
  { id: 'attendance', label: 'Attendance', guidance: 'Patterns of absence or lateness that worry you.', duty: null },
  { id: 'other', label: 'Other', guidance: 'Anything else that worries you. Every small thing matters.', duty: null },
];
