// The school's own concern categories: a DSL renames one, stops offering another, adds a third — and the concern
// form offers exactly that list.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { goTo, setUpSchoolAndConfirm } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('the school’s concern categories', () => {
  it('are edited in Settings and offered on the concern form', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Settings');
    const categories = page.getByRole('form', { name: 'Concern categories' });
    await categories.getByLabel('Name').last().waitFor();

    // A name left empty is refused beside the field, and nothing is lost.
    const names = categories.getByLabel('Name', { exact: true });
    const count = await names.count();
    await names.nth(count - 1).fill('');
    await categories.getByRole('button', { name: 'Save the categories' }).click();
    await categories.getByText('Name the category').waitFor();
    await names.nth(count - 1).fill('Anything else that worries you');

    await categories.getByRole('group', { name: 'Attendance' }).getByLabel('Offer this category to staff').uncheck();
    await categories.getByRole('button', { name: 'Add a category' }).click();
    await names.nth(count).fill('Bullying');
    await categories.getByLabel('Guidance for staff').nth(count).fill('Repeated unkindness, threats or exclusion by other pupils.');
    expect(await seriousViolations(page, 'category settings')).toEqual([]);
    await categories.getByRole('button', { name: 'Save the categories' }).click();
    await page.getByRole('status').filter({ hasText: 'Categories saved' }).waitFor();

    await goTo(page, 'Log a concern');
    await page.getByLabel('Bullying', { exact: true }).waitFor();
    expect(await page.getByLabel('Anything else that worries you', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Attendance', { exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
