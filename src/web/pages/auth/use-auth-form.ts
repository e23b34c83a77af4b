import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { problemFromServer, problemText, type Problems } from './auth.validation.js';

/** What `field(name)` gives a Mantine input. */
export interface AuthFieldProps<F extends string> {
  name: F;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  ref: (element: HTMLInputElement | null) => void;
  error: string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * State for the small auth forms: values, client checks (shown after the first submit and updated
 * as the person types), server field errors (kept until that field changes) and focus on the first
 * field with a problem.
 */
export function useAuthForm<F extends string>(
  fields: readonly F[],
  validate: (values: Record<F, string>) => Problems<F>,
) {
  const { t } = useTranslation();
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((field) => [field, ''])) as Record<F, string>,
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems<F>>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const inputs = useRef<Partial<Record<F, HTMLInputElement | null>>>({});

  const clientProblems: Problems<F> = submitted ? validate(values) : {};
  const problemOf = (field: F) => clientProblems[field] ?? serverProblems[field];

  const focusFirst = (problems: Problems<F>) => {
    const first = fields.find((field) => problems[field]);
    if (first) inputs.current[first]?.focus();
  };

  /** Props for a Mantine input: value, change handler, ref, and the message shown under it. */
  const field = (name: F): AuthFieldProps<F> => {
    const problem = problemOf(name);
    return {
      name,
      value: values[name],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const value = event.currentTarget.value;
        setValues((previous) => ({ ...previous, [name]: value }));
        setServerProblems((previous) => ({ ...previous, [name]: undefined }));
      },
      ref: (element: HTMLInputElement | null) => {
        inputs.current[name] = element;
      },
      error: problem ? problemText(t, problem) : undefined,
      // Mantine's PasswordInput leaves this out; TextInput sets the same value itself.
      'aria-invalid': problem ? true : undefined,
    };
  };

  /** Runs `send` with the values only when the client checks pass; otherwise focuses the first problem. */
  const onSubmit = (send: (values: Record<F, string>) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const problems = validate(values);
    if (fields.some((name) => problems[name])) {
      focusFirst(problems);
      return;
    }
    setServerProblems({});
    setAlertError(null);
    send(values);
  };

  /**
   * Shows a failed request's field errors next to their fields. Returns true when every problem the
   * server named belongs to a field of this form (then no separate alert is needed).
   */
  const showServerErrors = (error: unknown): boolean => {
    if (!isApiError(error)) return false;
    const entries = Object.entries(error.fieldErrors);
    const problems: Problems<F> = {};
    for (const [name, message] of entries) {
      if ((fields as readonly string[]).includes(name))
        problems[name as F] = problemFromServer(name, message);
    }
    setServerProblems(problems);
    focusFirst(problems);
    return entries.length > 0 && entries.every(([name]) => (fields as readonly string[]).includes(name));
  };

  /** A failed request: its field errors go next to the fields, anything else to the form's alert. */
  const fail = (error: unknown) => {
    if (!showServerErrors(error)) setAlertError(error);
  };

  return { values, field, onSubmit, showServerErrors, fail, alertError };
}
