import ExcelJS from 'exceljs';
import type { ReviewArea } from '../progress/reviewWeek.ts';
import type { ChangeArea, ChangeFigures } from '../progress/reviewChanges.ts';

const STATUS_ZH: Record<string, string> = { on_track: '正常', behind: '滞后', far_behind: '严重滞后' };
const FILL: Record<string, string> = { on_track: 'FFC6EFCE', behind: 'FFFFEB9C', far_behind: 'FFFFC7CE' };

export interface WorkbookInput {
  week: string;
  indicatorName: string;
  levels: { title: string; areas: ReviewArea[] }[];
  /** What changed in the townships since the week before. */
  changes: { from: string; to: string; total: ChangeFigures; areas: ChangeArea[] };
  problems: { areaName: string; description: string; raisedAt: string; owner: string; dueDate: string; status: string; overdue: boolean; carriedOver: boolean }[];
  tasks: { month: string; areaName: string; title: string; department: string; responsible: string; dueDate: string; status: string; overdue: boolean }[];
}

/** The week's review as an .xlsx workbook: one sheet per level, then the problem and task lists. */
export async function reviewWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '攻坚图';
  wb.created = new Date(`${input.week}T00:00:00Z`);
  for (const level of input.levels) {
    const ws = wb.addWorksheet(level.title, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${level.title} · ${input.indicatorName} · 截至 ${input.week}`]);
    ws.addRow(['排名', '代码', '名称', '完成', '目标', '计划', '偏差', '偏差率', '状态', '较上周', '连续滞后周数', '滞后最多的下级']).font = { bold: true };
    level.areas.forEach((a, i) => {
      const parts = a.worstParts.map((p) => `${p.shortName}（${p.lag === null ? '—' : Math.round(p.lag * 100) / 100}）`).join('、');
      const row = ws.addRow([i + 1, a.code, a.name, a.value.value, a.value.target, a.value.planned, a.value.lag, a.value.lagShare, STATUS_ZH[a.value.status ?? ''] ?? '', a.change.value, a.weeksBehind, parts]);
      row.getCell(8).numFmt = '0.0%';
      if (a.value.status) row.getCell(9).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[a.value.status] } };
    });
    ws.columns.forEach((c, i) => (c.width = [6, 14, 24, 10, 10, 10, 10, 9, 10, 10, 12, 40][i]));
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
