import ExcelJS from 'exceljs';
import type { ReviewArea } from '../progress/reviewWeek.ts';
import type { ChangeArea, ChangeFigures } from '../progress/reviewChanges.ts';
import type { Indicator } from '../domain/indicators.ts';
import { LAG_CLASS_COLORS } from '../domain/legend.ts';
import { decimalsToTellApart, lagInUnit } from '../domain/lagPrecision.ts';
import { lagClassOfFigure, type LagClass } from '../domain/progressStatus.ts';
import { SMALL_UNIT_FLOOR } from '../domain/ranking.ts';

const STATUS_ZH: Record<string, string> = { on_track: '正常', behind: '滞后', far_behind: '严重滞后' };
const UNIT_ZH: Record<string, string> = { people: '人', households: '户', villages: '个村', projects: '个项目', person_times: '人次', events: '场', share: '百分点' };

/** `#rrggbb` mixed with white: a light tint of a palette colour, so black text stays legible. */
export function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  return [16, 8, 0].map((shift) => {
    const c = (n >> shift) & 255;
    return Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0');
  }).join('').toUpperCase();
}

/** The status cell's fill: the map's colour of the figure (LAG_CLASS_COLORS), lightened for legibility, same hue. */
export const STATUS_FILLS: Readonly<Record<LagClass, string>> = Object.fromEntries(
  Object.entries(LAG_CLASS_COLORS).map(([c, hex]) => [c, `FF${tint(hex, 0.55)}`]),
) as Record<LagClass, string>;

/** An Excel number format with `d` decimals, signed; exactly zero is a plain 0. */
const signedFormat = (d: number) => {
  const n = d ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  return `+${n};-${n};0`;
};

export interface WorkbookInput {
  week: string;
  /** The indicator the levels are ranked by: its name, and the unit its lag is written in. */
  indicator: Pick<Indicator, 'nameZh' | 'unit' | 'kind'>;
  levels: { title: string; areas: ReviewArea[] }[];
  /** What changed in the townships since the week before. */
  changes: { from: string; to: string; total: ChangeFigures; areas: ChangeArea[] };
  problems: { areaName: string; description: string; raisedAt: string; owner: string; dueDate: string; status: string; overdue: boolean; carriedOver: boolean }[];
  tasks: { month: string; areaName: string; title: string; department: string; responsible: string; dueDate: string; status: string; overdue: boolean }[];
}

/**
 * The week's review as an .xlsx workbook: one sheet per level, then the problem and task lists.
 * Each level's rows are in the server's ranking order (lag in the indicator's unit, ties by lag
 * share, small units after the others, unranked), the sort key first.
 */
export async function reviewWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '攻坚图';
  wb.created = new Date(`${input.week}T00:00:00Z`);
  const { indicator } = input;
  const unit = UNIT_ZH[indicator.unit] ?? '';
  const floors = `目标不足 ${SMALL_UNIT_FLOOR.people} 人、${SMALL_UNIT_FLOOR.households} 户（比例指标不足 ${SMALL_UNIT_FLOOR.share} 户）`;
  for (const level of input.levels) {
    const ws = wb.addWorksheet(level.title, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${level.title} · ${indicator.nameZh} · 截至 ${input.week} · 按偏差（${unit}）排序，相同时按偏差率；规模较小的单位（${floors}）列于其后，不排名`]);
    ws.addRow(['排名', '代码', '名称', `偏差（${unit}）`, '偏差率', '状态', '规模较小', '完成', '目标', '计划', '较上周', '连续滞后周数', '滞后最多的下级']).font = { bold: true };
    const lags = level.areas.map((a) => lagInUnit(a.value.lag, indicator.kind));
    const lagFormat = signedFormat(decimalsToTellApart(lags));
    const shareDigits = '0'.repeat(Math.max(1, decimalsToTellApart(level.areas.map((a) => (a.value.lagShare === null ? null : a.value.lagShare * 100)))));
    const shareFormat = `+0.${shareDigits}%;-0.${shareDigits}%;0%`;
    let rank = 0;
    level.areas.forEach((a, i) => {
      const ranked = !a.smallUnit && a.value.lag !== null;
      const parts = a.worstParts.map((p) => `${p.shortName}（${p.lag === null ? '—' : Math.round((lagInUnit(p.lag, indicator.kind) ?? 0) * 100) / 100}${p.smallUnit ? '，规模较小' : ''}）`).join('、');
      const row = ws.addRow([ranked ? ++rank : null, a.code, a.name, lags[i], a.value.lagShare, STATUS_ZH[a.value.status ?? ''] ?? '', a.smallUnit ? '是' : '', a.value.value, a.value.target, a.value.planned, a.change.value, a.weeksBehind, parts]);
      row.getCell(4).numFmt = lagFormat;
      row.getCell(5).numFmt = shareFormat;
      const cls = lagClassOfFigure(a.value);
      if (cls) row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILLS[cls] } };
      if (a.smallUnit) row.font = { color: { argb: 'FF6B5F55' } };
    });
    ws.columns.forEach((c, i) => (c.width = [6, 14, 24, 12, 9, 10, 9, 10, 10, 10, 10, 12, 40][i]));
  }
  const changes = wb.addWorksheet('本期变化', { views: [{ state: 'frozen', ySplit: 2 }] });
  changes.addRow([`乡镇 · 本期变化 · ${input.changes.from} 至 ${input.changes.to}`]);
  changes.addRow(['代码', '名称', '脱贫人口', '脱贫户', '贫困村退出', '新增返贫风险户', '风险消除户', '项目完工', '资金支出（元）', '支出进度变化']).font = { bold: true };
  const changeRow = (code: string, name: string, c: ChangeFigures) => {
    const row = changes.addRow([code, name, c.peopleLifted, c.householdsExited, c.povertyVillagesExited, c.newAtRisk, c.atRiskCleared, c.projectsCompleted, c.fundsDisbursed, c.disbursedShare]);
    row.getCell(10).numFmt = '+0.0%;-0.0%;0.0%';
    return row;
  };
  changeRow('', '合计', input.changes.total).font = { bold: true };
  for (const a of input.changes.areas) changeRow(a.code, a.name, a.change);
  changes.columns.forEach((c, i) => (c.width = [14, 24, 10, 10, 10, 14, 12, 10, 14, 12][i]));
  const problems = wb.addWorksheet('问题清单');
  problems.addRow(['区域', '问题', '提出会议', '责任人', '期限', '状态', '逾期', '延续']).font = { bold: true };
  for (const p of input.problems) problems.addRow([p.areaName, p.description, p.raisedAt, p.owner, p.dueDate, p.status === 'open' ? '未办结' : '已办结', p.overdue ? '是' : '', p.carriedOver ? '是' : '']);
  problems.columns.forEach((c, i) => (c.width = [16, 40, 12, 14, 12, 8, 6, 6][i]));
  const tasks = wb.addWorksheet('任务清单');
  tasks.addRow(['月份', '区域', '任务', '责任部门', '责任人', '期限', '状态', '逾期']).font = { bold: true };
  for (const t of input.tasks) tasks.addRow([t.month, t.areaName, t.title, t.department, t.responsible, t.dueDate, t.status === 'open' ? '进行中' : '已完成', t.overdue ? '是' : '']);
  tasks.columns.forEach((c, i) => (c.width = [8, 16, 40, 16, 12, 12, 8, 6][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
