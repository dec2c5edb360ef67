import { placeName, type Locale, type Messages } from '../i18n/messages.ts';
import { BandBadge, BandLegend } from './BandBadge.tsx';
import { BANDS, bandText, listSeparator, signalText, yuan } from './integrityFormat.ts';
import type { ExitReport, RiskBand } from './integrityTypes.ts';

export interface ExitRankingProps {
  messages: Messages;
  locale: Locale;
  report: ExitReport | null;
  band: RiskBand | null;
  onBand: (band: RiskBand | null) => void;
}

/**
 * Every exit in the reader's area scored for the risk that it was made to look right, riskiest
 * first as the server ranks them, with the signals in words and the income that crossed the line.
 */
export function ExitRanking({ messages: text, locale, report, band, onBand }: ExitRankingProps) {
  return (
    <section className="integrity-exits" data-testid="integrity-exits">
      <h2>{text.integrityExitsTitle}</h2>
      <div className="integrity-exits-head">
        {report && (
          <p data-testid="integrity-band-counts">
            {text.integrityExitsTotal} {report.exits.toLocaleString('zh-CN')} {text.integrityHouseholdsUnit}{' '}
            {BANDS.map((b) => <BandBadge key={b} band={b} messages={text} count={report.bands[b]} />)}
          </p>
        )}
        <label>
          {text.integrityBand}{' '}
          <select value={band ?? ''} onChange={(e) => onBand((e.target.value || null) as RiskBand | null)} data-testid="integrity-band-filter">
            <option value="">{text.integrityAllBands}</option>
            {BANDS.map((b) => <option key={b} value={b}>{bandText(b, text)}</option>)}
          </select>
        </label>
        {report && <span className="review-note">{text.integrityShowing.replace('{n}', String(report.ranked.length))}</span>}
      </div>
      <BandLegend messages={text} />
      <div className="integrity-scroll">
        <table className="review-table integrity-exit-table" data-testid="integrity-exit-table">
          <thead>
            <tr>
              <th>#</th><th>{text.integrityHousehold}</th><th>{text.integrityVillage}</th><th>{text.integrityExitDate}</th>
              <th className="sorted">{text.integrityScore}</th><th>{text.integrityBand}</th><th className="integrity-wrap">{text.integritySignals}</th><th className="integrity-wrap">{text.integrityIncome}</th>
            </tr>
          </thead>
          <tbody>
            {(report?.ranked ?? []).map((e, i) => (
              <tr key={`${e.householdId} ${e.exitDate}`} data-household={e.householdId} data-band={e.band}>
                <td>{i + 1}</td>
                <td className="integrity-id">{e.householdId}</td>
                <td>{placeName({ name: e.villageName, nameEn: e.villageNameEn }, locale)} <span className="review-note">{e.villageCode}</span></td>
                <td className="integrity-nowrap">{e.exitDate}</td>
                <td className="integrity-score">{e.score.toLocaleString('zh-CN', { maximumFractionDigits: 1 })}</td>
                <td className="integrity-nowrap"><BandBadge band={e.band} messages={text} /></td>
                <td className="integrity-signals">{e.signals.map((s) => signalText(s, text)).join(listSeparator(locale))}</td>
                <td className="integrity-income">{yuan(e.incomeBefore, locale)} → {yuan(e.incomeAtExit, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
