import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, App, type FormInstance } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { applyServerErrors, registeredFieldNames, type FieldName } from '../form-errors';

/**
 * A modal form's submit: validate → mutation → invalidate the named queries → message.success → `onDone` (close).
 * A refusal puts the server's field errors under their fields (`applyServerErrors`; nested paths such as
 * `rules.2.minYears` under the field named `['rules', 2, 'minYears']`); what is left is `error`, for
 * `<FormError error={…} />` at the top of the form.
 */
export function useFormMutation<V, R>({
  form,
  mutationFn,
  success,
  invalidate = [],
  onDone,
  fieldMap,
  formError = (_error, rest) => rest,
}: {
  form: FormInstance<V>;
  mutationFn: (values: V) => Promise<R>;
  /** the success message, or null for none */
  success: ReactNode | ((result: R) => ReactNode);
  invalidate?: readonly QueryKey[];
  onDone?: (result: R, values: V) => void;
  /** server field path → form field name (a NamePath for a nested field), where they differ; `''`: above the form */
  fieldMap?: Readonly<Record<string, FieldName>>;
  /** the message above the form, from the refusal and what no field took (e.g. a 409's whole story as well) */
  formError?: (error: unknown, rest: string | null) => string | null;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  /** stable, so an effect that resets the form when its modal opens may depend on it */
  const clearError = useCallback(() => setError(null), []);
  const mutation = useMutation({
    mutationFn,
    onMutate: () => setError(null),
    onSuccess: async (result, values) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const text = typeof success === 'function' ? success(result) : success;
      if (text !== null && text !== undefined) void message.success(text);
      onDone?.(result, values);
    },
    // the form's registered fields (with or without a value, nested and list fields by their NamePath) are where
    // server field errors may go
    onError: (e) => setError(formError(e, applyServerErrors(form, e, registeredFieldNames(form), fieldMap))),
  });
  /** Validates the form and, when valid, sends it (the form's `onFinish` or a modal's `onOk`). */
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    mutation.mutate(values);
  };
  return { ...mutation, submit, error, clearError };
}

/** The form-level message of a refused submit (what no field took). */
export function FormError({ error }: { error: string | null }) {
  return error ? <Alert className="form-alert" type="error" showIcon title={error} /> : null;
}
