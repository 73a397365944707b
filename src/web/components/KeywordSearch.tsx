import { Input } from 'antd';

/**
 * The keyword box of a list's filters: typing edits the text, Enter (or the button) applies it trimmed, and
 * clearing the box drops the keyword filter at once.
 */
export function KeywordSearch({
  placeholder,
  ariaLabel,
  id,
  value,
  onValueChange,
  onApply,
}: {
  placeholder: string;
  /** without a visible label (FilterField passes `id` instead) */
  ariaLabel?: string;
  id?: string;
  value: string;
  onValueChange: (text: string) => void;
  onApply: (keyword: string | undefined) => void;
}) {
  return (
    <Input.Search
      placeholder={placeholder}
      id={id}
      aria-label={ariaLabel}
      allowClear
      value={value}
      onChange={(e) => {
        onValueChange(e.target.value);
        if (!e.target.value) onApply(undefined);
      }}
      onSearch={(text) => onApply(text.trim() || undefined)}
    />
  );
}
