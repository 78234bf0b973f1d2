import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { DateTextInput, type DateTextInputProps } from './date-text-input';

type Props<T extends FieldValues> = Omit<DateTextInputProps, 'value' | 'onChange' | 'onBlur' | 'inputRef' | 'showErrors' | 'name'> & {
  control: Control<T>;
  name: Path<T>;
};

/**
 * A date/time field of a react-hook-form form. The form value stays in the stored form
 * (YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm), so the form's schema and what is saved do not change;
 * text that cannot be read reaches the form marked, and the schema refuses it.
 */
export function DateField<T extends FieldValues>({ control, name, ...props }: Props<T>) {
  const { field, formState } = useController({ control, name });
  return <DateTextInput {...props} name={field.name} value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} showErrors={formState.isSubmitted} />;
}
