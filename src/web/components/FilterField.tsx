import { Select, type SelectProps } from 'antd';
import { cloneElement, useId, type ReactElement } from 'react';

/**
 * A list filter with a visible label (WCAG 3.3.2 and 1.3.1: a placeholder is no label; it disappears once a value is
 * chosen and is too faint to read). The label is tied to the control by id (antd's Select, TreeSelect, Input and
 * DatePicker put `id` on their input), so screen readers read it and a click on it focuses the control.
 */
export function FilterField({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const generated = useId();
  const id = children.props.id ?? generated;
  return (
    <span className="filter-field">
      <label htmlFor={id} className="filter-label">
        {label}
      </label>
      {cloneElement(children, { id })}
    </span>
  );
}

/**
 * The common list filter: a labelled select of one value or none (全部…, the placeholder, and a clear button).
 * Other Select props (className, popupMatchSelectWidth, showSearch…) pass through.
 */
export function FilterSelect<T extends string | number>({
  label,
  onChange,
  ...select
}: { label: string; value: T | undefined; onChange: (value: T | undefined) => void } & Omit<SelectProps<T>, 'value' | 'onChange'>) {
  return (
    <FilterField label={label}>
      <Select<T> allowClear onChange={(value: T | undefined) => onChange(value)} {...select} />
    </FilterField>
  );
}
