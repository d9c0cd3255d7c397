// Accessible building blocks every page uses.
export { Button, ButtonGroup, LinkButton } from './Button';
export { Disclosure } from './Disclosure';
export { ErrorSummary, retryMessage } from './ErrorSummary';
export { CheckboxField, FieldError, Fieldset, RadioGroup, SelectField, TextField } from './Fields';
export { LongText } from './LongText';
export { AlertMessage, StatusMessage, Warning } from './Notices';
export { PageHeading } from './PageHeading';
export { checkWith, useForm } from './useForm';
export type { BoundField, Checked, FieldMessages, Form } from './useForm';
