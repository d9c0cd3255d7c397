export { defaultCategories } from './categories';
export type { ConcernCategory, Duty } from './categories';
export { dutyBanners } from './dutyBanners';
export type { DutyBanner, DutyBannerInput } from './dutyBanners';
export * from './concernSchema';
