interface Option {
  value: string;
  label: string;
  detail?: string;
}

export function CheckboxGroup({
  name,
  value,
  onChange,
  options,
}: {
  name: string;
  value: string[];
  onChange: (next: string[]) => void;
  options: Option[];
}) {
  const toggle = (v: string, on: boolean) => {
    // Keep the options' order so the stored list does not depend on click order.
    const set = new Set(value);
    if (on) set.add(v);
    else set.delete(v);
    onChange(options.map((o) => o.value).filter((o) => set.has(o)));
  };
  return (
    <div className="checks" role="group">
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={name} value={o.value} checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          <span>
            <strong>{o.label}</strong>
            {o.detail && <span className="muted small"> — {o.detail}</span>}
          </span>
        </label>
      ))}
    </div>
  );
}
