// The kinds of concern in the order people need them: the ones staff tick most often first, the rest in small named
// groups behind one button, so passing the list takes a dozen Tab presses rather than twenty-two. A school's own
// categories (ids not below) count as common: the school added them because its staff need them.
import type { FormContext } from '../../../../shared/api';

type Category = FormContext['categories'][number];

const lessCommon: ReadonlyArray<{ title: string; ids: readonly string[] }> = [
  { title: 'Exploitation and extremism', ids: ['cse', 'cce', 'radicalisation'] },
  { title: 'Family and home', ids: ['domestic-abuse', 'young-carer', 'private-fostering'] },
  { title: 'Harm in the name of honour or culture', ids: ['fgm', 'honour-based-abuse', 'forced-marriage'] },
  { title: 'Missing and attendance', ids: ['missing', 'attendance'] },
];

export interface CategoryGroups {
  common: Category[];
  more: Array<{ title: string; categories: Category[] }>;
}

export function groupCategories(categories: readonly Category[]): CategoryGroups {
  const inGroup = new Set(lessCommon.flatMap((group) => group.ids));
  return {
    common: categories.filter((category) => !inGroup.has(category.id)),
    more: lessCommon
      .map((group) => ({ title: group.title, categories: categories.filter((category) => group.ids.includes(category.id)) }))
      .filter((group) => group.categories.length > 0),
  };
}
