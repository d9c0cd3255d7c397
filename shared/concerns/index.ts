export { defaultCategories } from './categories';
export type { ConcernCategory, Duty } from './categories';
export { dutyBanners } from './dutyBanners';
export type { DutyBanner, DutyBannerInput } from './dutyBanners';
export * from './concernSchema';
export { BODY_MAP_HEIGHT, BODY_MAP_WIDTH, bodyOutlineParts, describePlace, markPlace } from './bodyOutline';
export type { OutlinePart } from './bodyOutline';
export { concernChildLabel, notYetMatched } from './childNamed';
