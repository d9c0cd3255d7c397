// How a concern names its child wherever it is listed (the queue, the DSL's home, the concern page, "my concerns"): by
// the pupils linked to it, or — until a DSL matches it — by the words its author typed (decision 0023).

/** The words shown for a concern with no pupil yet: the author's description, quoted as they typed it. */
export const notYetMatched = (childDescribed: string): string => `Child not yet matched: “${childDescribed.trim()}”`;

/** The pupils' names; with none, the author's words marked as not yet matched; with neither, that no pupil is named. */
export function concernChildLabel(concern: { pupilNames: readonly string[]; childDescribed: string }): string {
  if (concern.pupilNames.length > 0) return concern.pupilNames.join(', ');
  return concern.childDescribed.trim() !== '' ? notYetMatched(concern.childDescribed) : 'No pupil named';
}
