import type { GetInputPropsReturnType } from '@mantine/form';
import type { IntakeField } from './form-model';

/** What useIntakeForm's `field()` hands to an input: Mantine's value and onChange, plus the error to show. */
export type IntakeInputProps = GetInputPropsReturnType & { error?: string; onBlur: () => void };

export type IntakeFieldProps = (name: IntakeField, opts?: { type?: 'checkbox'; select?: boolean }) => IntakeInputProps;
