import type { InspectionSummary } from './summary';

type Column = { header: string; key: string; width: number; style?: { numFmt: string } };

/** A day column: real date cells that Excel sorts and filters as dates, shown dd/mm/yyyy. */
const DAY_STYLE = { numFmt: 'dd/mm/yyyy' };

/** A YYYY-MM-DD day as the date cell of that day (midnight UTC, the serial number exceljs writes). */
function dayCell(day: string | null): Date | '' {
  return day ? new Date(`${day}T00:00:00.000Z`) : '';
}

/**
 * The same figures as the summary PDF, one sheet per table, Vietnamese headers, for the team lead
 * to sort and filter. exceljs is loaded on demand (it is large).
 */
export async function buildSummaryXlsx(summary: InspectionSummary): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'congvu';
  const sheet = (name: string, columns: Column[], rows: Array<Record<string, unknown>>) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    return ws;
  };
  sheet(
    'Cuộc kiểm tra',
    [
      { header: 'Ngày', key: 'day', width: 12, style: DAY_STYLE },
      { header: 'Mã đơn vị', key: 'unitCode', width: 12 },
      { header: 'Đơn vị', key: 'unitName', width: 36 },
      { header: 'Trạng thái', key: 'status', width: 14 },
      { header: 'Số vi phạm', key: 'violations', width: 12 },
      { header: 'Lần sửa', key: 'revision', width: 9 },
      { header: 'SHA-256 biên bản', key: 'contentHash', width: 66 },
    ],
    summary.inspections.map((i) => ({ ...i, day: dayCell(i.day), status: i.status === 'finalized' ? 'Đã hoàn tất' : 'Bản nháp', contentHash: i.contentHash ?? '' })),
  );
  sheet(
    'Theo đơn vị',
    [
      { header: 'Mã đơn vị', key: 'unitCode', width: 12 },
      { header: 'Đơn vị', key: 'unitName', width: 36 },
      { header: 'Số cuộc kiểm tra', key: 'inspections', width: 16 },
      { header: 'Số vi phạm', key: 'violations', width: 12 },
      { header: 'Số người điểm danh', key: 'staff', width: 18 },
      { header: 'Có mặt', key: 'present', width: 10 },
      { header: 'Đi muộn', key: 'late', width: 10 },
      { header: 'Vắng không lý do', key: 'unexcused', width: 16 },
    ],
    summary.units,
  );
  sheet(
    'Theo nội dung',
    [
      { header: 'Bộ câu hỏi', key: 'templateId', width: 10 },
      { header: 'Mã', key: 'code', width: 10 },
      { header: 'Nội dung kiểm tra', key: 'text', width: 60 },
      { header: 'Trọng yếu', key: 'critical', width: 10 },
      { header: 'Số lần kiểm tra', key: 'checked', width: 15 },
      { header: 'Số lần vi phạm', key: 'violations', width: 15 },
    ],
    summary.items.map((i) => ({ ...i, critical: i.critical ? 'Có' : '' })),
  );
  sheet(
    'Cán bộ vi phạm',
    [
      { header: 'Họ và tên', key: 'name', width: 28 },
      { header: 'Chức vụ', key: 'position', width: 22 },
      { header: 'Đơn vị', key: 'unitName', width: 32 },
      { header: 'Số lần vi phạm', key: 'violations', width: 15 },
      { header: 'Nội dung', key: 'what', width: 70 },
    ],
    summary.officials.map((o) => ({ ...o, what: o.what.join('; ') })),
  );
  const recs = sheet(
    'Kiến nghị',
    [
      { header: 'Đơn vị', key: 'unitName', width: 32 },
      { header: 'Ngày kiểm tra', key: 'day', width: 14, style: DAY_STYLE },
      { header: 'Đối tượng', key: 'target', width: 26 },
      { header: 'Biện pháp', key: 'measure', width: 26 },
      { header: 'Nội dung', key: 'text', width: 50 },
      { header: 'Thời hạn khắc phục', key: 'deadline', width: 18, style: DAY_STYLE },
      { header: 'Quá hạn', key: 'overdue', width: 10 },
    ],
    summary.recommendations.map((r) => ({ ...r, day: dayCell(r.day), deadline: dayCell(r.deadline), overdue: r.overdue ? 'Quá hạn' : '' })),
  );
  summary.recommendations.forEach((r, i) => {
    if (r.overdue) recs.getRow(i + 2).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
