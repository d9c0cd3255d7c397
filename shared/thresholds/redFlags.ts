// Red flags are our reading of the councils' documents, not the councils' own labels (only Waltham Forest's 2016
// guide lists "indicators of immediate risk"). So the product keeps one list of the kinds of indicator it treats as
// "act now", and every pack marks an indicator of those kinds as a red flag, whichever council printed it.
import type { Indicator } from './packSchema';

export interface RedFlagKind {
  id: string;
  label: string;
  /** Recognises the kind in a council's wording; kept narrow, so "starting to go missing" is not "missing regularly". */
  pattern: RegExp;
}

export const productRedFlagKinds: readonly RedFlagKind[] = [
  { id: 'suspected_abuse', label: 'Suspected abuse or neglect', pattern: /suspected physical, emotional or sexual abuse/i },
  { id: 'injury_non_mobile_baby', label: 'A bruise or injury to a baby or child who is not yet mobile', pattern: /(bruis|injur).*(immobile|non-mobile|pre-mobile)|(immobile|non-mobile|pre-mobile).*(bruis|injur)/i },
  { id: 'fgm', label: 'Female genital mutilation', pattern: /genital mutilation|\bFGM\b/ },
  { id: 'forced_marriage', label: 'Forced marriage or honour-based violence', pattern: /forced marriage|honour-based violence/i },
  { id: 'sexual_activity_under_13', label: 'Sexual activity, or pregnancy, under 13', pattern: /under (the age of )?13.*(sexual|pregnan)|(sexual|pregnan).*under (the age of )?13/i },
  { id: 'experiencing_cse', label: 'Experiencing sexual exploitation', pattern: /experiencing CSE/i },
  {
    id: 'missing_from_home',
    label: 'Missing from home regularly, frequently or for long periods',
    pattern: /(frequently|regularly)[^.]*missing from home|missing from home[^.]*(regularly|long periods)|^missing from home or care/i,
  },
  { id: 'non_organic_failure_to_thrive', label: 'Non-organic failure to thrive', pattern: /(non-organic|inorganic) failure to thrive/i },
];

/** The product's red-flag kind an indicator belongs to, if any. */
export function redFlagKindOf(indicator: Pick<Indicator, 'text'>): RedFlagKind | undefined {
  return productRedFlagKinds.find((kind) => kind.pattern.test(indicator.text));
}
