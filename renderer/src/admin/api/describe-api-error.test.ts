import { describe, expect, it } from 'vitest';
import { adminTranslate } from '../i18n/admin-i18n';
import { AdminAnswerError, AdminApiError } from './api-error';
import { describeApiError } from './describe-api-error';

const vi = (error: unknown) => describeApiError(error, (key, params) => adminTranslate('vi', key, params), (m) => m);
const en = (error: unknown) => describeApiError(error, (key, params) => adminTranslate('en', key, params), (m) => m);

describe('console request errors', () => {
  it('name the reason the administrator can act on, in both languages', () => {
    expect(vi(new AdminApiError(0, 'network', 'fetch failed'))).toBe('Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại; chưa có gì thay đổi.');
    expect(en(new AdminApiError(403, 'csrf', 'bad token'))).toBe("The page's security token is out of date, so the hub refused the change. Reload the page and do it again; nothing was changed.");
    expect(en(new AdminApiError(409, 'already_retired', 'The assignment is already retired'))).toBe('This was already recorded (perhaps by someone else); reload the page.');
    expect(en(new AdminApiError(409, 'epoch_changed', 'The hub changed'))).toBe('Not done because things have changed: The hub changed');
    expect(vi(new AdminApiError(422, 'invalid_workbook', 'x', null, [{}, {}, {}]))).toBe('Máy chủ từ chối: có 3 lỗi cần sửa (xem danh sách bên dưới).');
    expect(en(new AdminApiError(500, 'internal', 'boom'))).toContain('(500)');
    expect(en(new AdminAnswerError('devices', 'items.0.role: invalid'))).toContain('different releases');
  });

  it("say the hub's message key in the console's words", () => {
    const tError = (m: string) => (m === 'err.date.beforeStart' ? 'Ngày kết thúc trước ngày bắt đầu.' : m);
    const error = new AdminApiError(422, 'invalid_request', 'to: err.date.beforeStart', null, [], [{ path: 'to', message: 'err.date.beforeStart' }]);
    expect(describeApiError(error, (key, params) => adminTranslate('vi', key, params), tError)).toBe('Máy chủ không nhận dữ liệu này: Ngày kết thúc trước ngày bắt đầu.');
    expect(vi(new AdminApiError(422, 'unknown_unit', 'Unknown unit "X1": import it first'))).toBe('Máy chủ chưa có đơn vị này: hãy nhập danh sách đơn vị trước.');
    expect(vi(new AdminApiError(422, 'bad_thing', 'Something new'))).toBe('Máy chủ không nhận dữ liệu này: Something new');
  });

  it('turn a Retry-After into whole minutes to wait', () => {
    expect(vi(new AdminApiError(429, 'locked', 'x', 900))).toBe('Quá nhiều lần thử. Hãy đợi 15 phút rồi thử lại.');
    expect(en(new AdminApiError(429, 'rate_limited', 'x', 61))).toBe('Too many attempts. Try again in 2 min.');
    expect(en(new AdminApiError(429, 'rate_limited', 'x', null))).toBe('Too many attempts. Try again in 1 min.');
  });
});
