import type { Locale, Messages } from '../i18n/messages.ts';
import { BandBadge } from './BandBadge.tsx';
import { formatEstimate, formatProgress, percent } from './integrityFormat.ts';
import type { SampleDetail } from './integrityTypes.ts';

/**
 * What a sample is and what its visits say so far: seed, size and the exits per band it stands
 * for, the wrong-exit rate with its 95 % interval, and how many households are visited and left.
 */
export function SampleSummary({ messages: text, locale, sample, areaName }: { messages: Messages; locale: Locale; sample: SampleDetail; areaName: string }) {
  const n = (v: number) => v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  return (
    <section className="integrity-summary" data-testid="integrity-summary" data-sample={sample.id}>
      <div>
        <p className="integrity-estimate" data-testid="integrity-estimate" data-rate={sample.estimate.rate ?? ''}>{formatEstimate(sample.estimate, text, locale)}</p>
        <p data-testid="integrity-progress">{formatProgress(sample.estimate, text)}</p>
        <dl className="integrity-facts">
          <div><dt>{text.integrityArea}</dt><dd>{areaName}</dd></div>
          <div><dt>{text.integrityAsOf}</dt><dd>{sample.asOf}</dd></div>
          <div><dt>{text.integritySeedIs}</dt><dd data-testid="integrity-seed">{sample.seed}</dd></div>
          <div><dt>{text.integrityMargin}</dt><dd>± {percent(sample.margin, locale)}</dd></div>
          <div><dt>{text.integritySize}</dt><dd data-testid="integrity-size">{n(sample.size)} {text.integrityHouseholdsUnit}</dd></div>
          <div><dt>{text.integrityPopulation}</dt><dd>{n(sample.population)} {text.integrityHouseholdsUnit}</dd></div>
          <div><dt>{text.integrityDrawnBy}</dt><dd>{sample.createdBy} {sample.createdAt.slice(0, 16)}</dd></div>
        </dl>
      </div>
      <table className="review-table integrity-bands" data-testid="integrity-bands">
        <thead><tr><th>{text.integrityBand}</th><th>{text.integrityBandPopulation}</th><th>{text.integrityBandSize}</th></tr></thead>
        <tbody>
          {sample.bands.map((b) => (
            <tr key={b.band} data-band={b.band}><td><BandBadge band={b.band} messages={text} /></td><td>{n(b.population)}</td><td>{n(b.size)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
