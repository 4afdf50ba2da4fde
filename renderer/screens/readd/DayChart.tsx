// Requests and acceptances per day as a small SVG bar chart, with a text summary for screen readers.
import type { DashboardData } from '../../../shared/types';
import { useI18n } from '../../i18n/i18n';

const HEIGHT = 140;
const BAR = 10;
const GAP = 6;

export function DayChart({ perDay }: { perDay: DashboardData['perDay'] }) {
  const { t } = useI18n();
  const days = perDay.slice(-30);
  const max = Math.max(1, ...days.map((d) => Math.max(d.requests, d.acceptances)));
  const width = Math.max(200, days.length * (BAR * 2 + GAP) + 40);
  const requests = perDay.reduce((n, d) => n + d.requests, 0);
  const accepted = perDay.reduce((n, d) => n + d.acceptances, 0);
  const summary = t('readd.chartSummary', { days: perDay.length, requests, accepted });
  const y = (v: number) => HEIGHT - 20 - (v / max) * (HEIGHT - 40);
  return (
    <figure className="day-chart" data-testid="day-chart">
      <figcaption>
        {t('readd.chartTitle')} — <span data-testid="chart-summary">{summary}</span>
      </figcaption>
      <svg width={width} height={HEIGHT} role="img" aria-label={summary}>
        <line x1={30} x2={width} y1={HEIGHT - 20} y2={HEIGHT - 20} stroke="#c3cad3" />
        <text x={0} y={y(max) + 4} fontSize={11} fill="#5a6472">
          {max}
        </text>
        {days.map((d, i) => {
          const x = 34 + i * (BAR * 2 + GAP);
          return (
            <g key={d.day}>
              <rect x={x} y={y(d.requests)} width={BAR} height={HEIGHT - 20 - y(d.requests)} fill="#0b6e4f">
                <title>{`${d.day} ${t('readd.chartRequests')} ${d.requests}`}</title>
              </rect>
              <rect x={x + BAR} y={y(d.acceptances)} width={BAR} height={HEIGHT - 20 - y(d.acceptances)} fill="#f2b134">
                <title>{`${d.day} ${t('readd.chartAccepted')} ${d.acceptances}`}</title>
              </rect>
              {i === 0 || i === days.length - 1 ? (
                <text x={x} y={HEIGHT - 4} fontSize={10} fill="#5a6472">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <div className="legend" aria-hidden="true">
        <span className="swatch swatch-requests" /> {t('readd.chartRequests')} <span className="swatch swatch-accepted" /> {t('readd.chartAccepted')}
      </div>
    </figure>
  );
}
