import { vnMonth } from '@shared/report/vn-date';

/** A horizontal bar chart in plain SVG: labels on the left, values at the bar ends. */
export function BarChart({ title, rows, testId, max = 15 }: { title: string; rows: ReadonlyArray<{ label: string; value: number; highlight?: boolean }>; testId: string; max?: number }) {
  const shown = rows.slice(0, max);
  const top = Math.max(1, ...shown.map((r) => r.value));
  const rowHeight = 22;
  const labelWidth = 260;
  const barWidth = 300;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <svg viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label={title}>
          {shown.map((r, k) => {
            const y = k * rowHeight + 2;
            const w = Math.max(1, (r.value / top) * barWidth);
            return (
              <g key={`${r.label}-${k}`}>
                <text x={labelWidth - 6} y={y + 15} textAnchor="end" fontSize="12">
                  {r.label.length > 42 ? `${r.label.slice(0, 41)}…` : r.label}
                  <title>{r.label}</title>
                </text>
                <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 8} className={r.highlight ? 'bar bar-alert' : 'bar'} />
                <text x={labelWidth + w + 4} y={y + 15} fontSize="12">
                  {r.value}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {rows.length > shown.length && <p className="muted small">+{rows.length - shown.length}</p>}
    </figure>
  );
}

/** Vertical bars, one per month, for counts over time. */
export function MonthChart({ title, rows, testId }: { title: string; rows: ReadonlyArray<{ month: string; inspections: number; violations: number }>; testId: string }) {
  const top = Math.max(1, ...rows.map((r) => Math.max(r.inspections, r.violations)));
  const slot = 48;
  const h = 160;
  // At least a chart's width even for one month, so that a short series is not blown up.
  const width = Math.max(480, rows.length * slot + 10);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${h + 36}`} width="100%" style={{ maxHeight: 260 }} preserveAspectRatio="xMinYMin meet" role="img" aria-label={title}>
          {rows.map((r, k) => {
            const x = k * slot + 8;
            const hi = (r.inspections / top) * h;
            const hv = (r.violations / top) * h;
            return (
              <g key={r.month}>
                <rect x={x} y={h - hi + 14} width={18} height={Math.max(1, hi)} className="bar" />
                <rect x={x + 20} y={h - hv + 14} width={18} height={Math.max(1, hv)} className="bar bar-alert" />
                <text x={x + 9} y={h - hi + 11} fontSize="10" textAnchor="middle">
                  {r.inspections}
                </text>
                <text x={x + 29} y={h - hv + 11} fontSize="10" textAnchor="middle">
                  {r.violations}
                </text>
                <text x={x + 19} y={h + 30} fontSize="11" textAnchor="middle">
                  {vnMonth(r.month)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
