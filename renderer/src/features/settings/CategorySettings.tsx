// The school's own list of concern categories: rename them, reword their guidance, add one, or stop offering one.
// A category is never deleted — concerns that already name it keep its label.
import { useEffect, useState, type FormEvent } from 'react';
import { categoryListSchema, type AppError } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button, CheckboxField, StatusMessage, TextField } from '../../components';

interface EditableCategory {
  id: string;
  label: string;
  guidance: string;
  duty: 'fgm' | 'prevent' | null;
  active: boolean;
}

/** A code for a new category from its name: what staff never see, but what old concerns are filed under. */
function codeFor(label: string, taken: readonly EditableCategory[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'category';
  let code = base;
  for (let suffix = 2; taken.some((category) => category.id === code); suffix += 1) code = `${base}-${suffix}`;
  return code;
}

export function CategorySettings() {
  const [categories, setCategories] = useState<EditableCategory[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void invoke('concerns.categories', {}).then((result) => (result.ok ? setCategories(result.value) : setProblem(result.error)));
  }, []);

  if (!categories) return problem ? <AlertMessage title="The categories could not be loaded">{<p>{problem.message}</p>}</AlertMessage> : null;

  const change = (index: number, patch: Partial<EditableCategory>) => {
    setSaved(false);
    setCategories(categories.map((category, position) => (position === index ? { ...category, ...patch } : category)));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = categoryListSchema.safeParse(categories);
    const messages = (issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>) =>
      Object.fromEntries(issues.map((issue) => [issue.path.map(String).join('.') || '_list', issue.message]));
    if (!checked.success) {
      setErrors(messages(checked.error.issues));
      return;
    }
    setSaving(true);
    const result = await invoke('concerns.updateCategories', { categories: checked.data });
    setSaving(false);
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.error.fields ?? { _list: [result.error.message] }).map(([key, value]) => [key.replace(/^categories\./, ''), value[0] ?? ''])));
      return;
    }
    setErrors({});
    setCategories(result.value);
    setSaved(true);
  };

  return (
    <section aria-labelledby="settings-categories-heading">
      <h2 className="section-title" id="settings-categories-heading">
        Concern categories
      </h2>
      <p>
        What staff can choose from when they log a concern, with the guidance shown beside each. Taking a category out of use hides it from the form;
        concerns already filed under it keep it.
      </p>
      <form noValidate onSubmit={(event) => void save(event)} aria-label="Concern categories">
        {errors._list && (
          <AlertMessage title="The list cannot be saved">
            <p>{errors._list}</p>
          </AlertMessage>
        )}
        {categories.map((category, index) => (
          <fieldset className="fieldset category-setting" key={category.id}>
            <legend className="fieldset__legend">{category.label || 'New category'}</legend>
            <TextField id={`category-${index}-label`} label="Name" value={category.label} error={errors[`${index}.label`]} onChange={(label) => change(index, { label })} width="medium" />
            <TextField id={`category-${index}-guidance`} label="Guidance for staff" value={category.guidance} error={errors[`${index}.guidance`]} onChange={(guidance) => change(index, { guidance })} multiline />
            <CheckboxField id={`category-${index}-active`} label="Offer this category to staff" checked={category.active} onChange={(active) => change(index, { active })} />
          </fieldset>
        ))}
        <p>
          <Button variant="secondary" onClick={() => setCategories([...categories, { id: codeFor('new category', categories), label: '', guidance: '', duty: null, active: true }])}>
            Add a category
          </Button>
        </p>
        {saved && (
          <StatusMessage title="Categories saved">
            <p>Staff see the new list the next time they open the concern form.</p>
          </StatusMessage>
        )}
        <Button type="submit" busy={saving} busyLabel="Saving…">
          Save the categories
        </Button>
      </form>
    </section>
  );
}
