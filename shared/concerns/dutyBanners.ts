// Some concerns bring a duty with them that cannot wait for the DSL. The form shows a banner as soon as the
// category or the words suggest one; it never blocks saving the concern.
import { defaultCategories, type ConcernCategory } from './categories';

export type DutyBanner = 'immediate_danger' | 'fgm' | 'prevent' | 'about_an_adult';

export interface DutyBannerInput {
  categories: readonly string[];
  whatHappened: string;
  childWords: string;
  immediateDanger: boolean;
  aboutAnAdult: boolean;
  categoryList?: readonly ConcernCategory[];
}

const fgmWords = /\bFGM\b|female genital|circumcis|infibulat|\bcut(ting)? (down there|her private)/i;
const preventWords = /radicali[sz]|extremis|terroris|jihad|\bISIS\b|far[- ]right|neo-?nazi|white (power|supremac)/i;

/** The banners to show, most urgent first. */
export function dutyBanners(input: DutyBannerInput): DutyBanner[] {
  const list = input.categoryList ?? defaultCategories;
  const duties = new Set(list.filter((category) => input.categories.includes(category.id)).map((category) => category.duty));
  const words = `${input.whatHappened}\n${input.childWords}`;
  const banners: DutyBanner[] = [];
  if (input.immediateDanger) banners.push('immediate_danger');
  if (duties.has('fgm') || fgmWords.test(words)) banners.push('fgm');
  if (duties.has('prevent') || preventWords.test(words)) banners.push('prevent');
  if (input.aboutAnAdult) banners.push('about_an_adult');
  return banners;
}
