// Messages per year as a plain SVG bar chart. Screen readers get a one-sentence summary (role=img)
// and the numbers themselves in a visually hidden table.
import { useI18n } from '../../i18n/i18n';

const BAR_AREA = 120;
const SLOT = 44;
const BAR = 28;
const TOP = 18;
const BOTTOM = 22;

/** Every year from the first to the last, years without messages as 0. */
export function fillYears(years: { year: number; messages: number }[]): { year: number; messages: number }[] {
  if (years.length === 0) return [];
  const counts = new Map(years.map((y) => [y.year, y.messages]));
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const out: { year: number; messages: number }[] = [];
  for (let year = first; year <= last; year++) out.push({ year, messages: counts.get(year) ?? 0 });
  return out;
}

export function ActivityChart(props: { years: { year: number; messages: number }[] }) {
  const { t, locale } = useI18n();
  const years = fillYears(props.years);
  if (years.length === 0) return null;
  const max = Math.max(...years.map((y) => y.messages), 1);
  const total = years.reduce((n, y) => n + y.messages, 0);
  const peak = years.reduce((a, b) => (b.messages > a.messages ? b : a));
  const numbers = new Intl.NumberFormat(locale, { notation: 'compact' });
  const width = years.length * SLOT;
  const height = TOP + BAR_AREA + BOTTOM;
  const summary = t('messages.chartLabel', {
    from: String(years[0]!.year),
    to: String(years[years.length - 1]!.year),
    total,
    peakYear: String(peak.year),
    peak: peak.messages,
  });
  return (
    <figure className="msg-chart" data-testid="messages-chart">
      <figcaption className="msg-side-title">{t('messages.chartTitle')}</figcaption>
      <div className="msg-chart-scroll">
        <svg role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
          <line x1={0} x2={width} y1={TOP + BAR_AREA} y2={TOP + BAR_AREA} className="msg-chart-axis" />
          {years.map((y, i) => {
            const h = y.messages === 0 ? 0 : Math.max(2, Math.round((y.messages / max) * BAR_AREA));
            const x = i * SLOT + (SLOT - BAR) / 2;
            return (
              <g key={y.year}>
                <rect x={x} y={TOP + BAR_AREA - h} width={BAR} height={h} rx={3} className="msg-chart-bar" />
                <text x={x + BAR / 2} y={TOP + BAR_AREA - h - 4} textAnchor="middle" className="msg-chart-value">
                  {y.messages ? numbers.format(y.messages) : ''}
                </text>
                <text x={x + BAR / 2} y={height - 6} textAnchor="middle" className="msg-chart-year">
                  {years.length > 12 && i % 2 === 1 ? '' : String(y.year)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <table className="sr-only">
        <caption>{t('messages.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('messages.chartYear')}</th>
            <th scope="col">{t('messages.chartMessages')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td>
              <td>{y.messages}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
