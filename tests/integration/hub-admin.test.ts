import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_PREFIX, adminLogPageSchema, devicesPageSchema, enrollmentSchema, healthSchema, sessionSchema, unitsImportPreviewSchema } from '@shared/admin/admin-api';
import { openHub } from '../../server/open-hub';
import { adminClient, signIn, type AdminClient } from '../support/admin-client';
import { hubCli, ROOT } from '../support/hub';
import { useHubApi, type HubBackend } from '../support/hub-api-harness';

const PASSWORD = 'mật khẩu thật dài 2026';
const UNITS_BAD = 'Mã đơn vị,Tên đơn vị,Tỉnh/Thành phố,Họ và tên\n31471,UBND xã Tân Phước Hưng,Cần Thơ,Phạm Minh Khôi\n,UBND xã không mã,Cần Thơ,Lê Văn A\n';
const UNITS_GOOD = 'Mã đơn vị,Tên đơn vị,Tỉnh/Thành phố,Họ và tên\n31471,UBND xã Tân Phước Hưng,Cần Thơ,Phạm Minh Khôi\n31472,UBND phường Cái Khế,Cần Thơ,Đỗ Thị Mai\n';

/**
 * The console's API on a real hub process, on SQLite and on PostgreSQL: accounts from the CLI,
 * sign-in and its lockout, the cookie, CSRF, the device/console separation, bad input on every
 * route, paging 2,000 devices, enrollment to revocation, a units import, the log, the console's files.
 */
describe.each<HubBackend>(['sqlite', 'postgres'])('hub console API on %s', { timeout: 180_000 }, (backend) => {
  const consoleDir = mkdtempSync(join(tmpdir(), `congvu-console-${backend}-`));
  const hubTmp = mkdtempSync(join(tmpdir(), `congvu-hubtmp-${backend}-`));
  const api = useHubApi(backend, { HUB_CONSOLE_DIR: consoleDir, HUB_SIGNIN_PER_MINUTE: '1000', TMPDIR: hubTmp });
  let admin: AdminClient;
  const unitsFile = (text: string, name = 'units.csv') => admin.call('POST', '/units/import/preview', new TextEncoder().encode(text), { 'x-file-name': encodeURIComponent(name) });

  beforeAll(async () => {
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Quản trị</title><script type="module" src="/admin/assets/app.js"></script>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'export const ok = 1;\n');
    for (const name of ['so.noivu', 'khoa.thu']) {
      const run = await hubCli(['admin', 'add', '--name', name, '--password-env', 'ADMIN_PW'], { ...api.env, ADMIN_PW: PASSWORD });
      expect(run.status, run.stderr).toBe(0);
    }
    admin = await adminClient(api.hub.url, 'so.noivu', PASSWORD);
  });

  afterAll(() => {
    for (const dir of [consoleDir, hubTmp]) rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI refuses a short password and lists the administrators without their hashes', async () => {
    const short = await hubCli(['admin', 'add', '--name', 'ngan.qua', '--password-env', 'ADMIN_PW'], { ...api.env, ADMIN_PW: 'ngan' });
    expect(short.status).toBe(2);
    const list = await hubCli(['admin', 'list'], api.env);
    expect(list.stdout).toContain('so.noivu');
    expect(list.stdout).not.toContain('ngan.qua');
    expect(list.stdout).not.toContain('scrypt$');
    const hub = await openHub(api.env);
    try {
      const row = await hub.store.db.selectFrom('admins').select('password_hash').where('name', '=', 'so.noivu').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
      const sessions = await hub.store.db.selectFrom('admin_sessions').select('id_hash').execute();
      // Only hashes of session ids are kept: the cookie's value is nowhere in the database.
      expect(sessions.map((s) => s.id_hash)).not.toContain(admin.cookie.split('=')[1]);
    } finally {
      await hub.close();
    }
  });

  it('signs in with the right password only; unknown login and wrong password look alike; cookie flags over http', async () => {
    const wrong = await signIn(api.hub.url, 'so.noivu', 'không phải mật khẩu');
    const unknown = await signIn(api.hub.url, 'khong.co.ai', 'không phải mật khẩu');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(sessionSchema.parse(await (await admin.call('GET', '/session')).json()).admin.name).toBe('so.noivu');
    expect(admin.setCookie).toMatch(/HttpOnly/);
    expect(admin.setCookie).toMatch(/SameSite=Strict/);
    expect(admin.setCookie).toMatch(/Path=\/admin(;|$)/);
    expect(admin.setCookie).not.toMatch(/Secure/);
    // A proxy's word is taken only with HUB_TRUST_PROXY=1: anyone can send this header.
    const spoofed = await fetch(`${api.hub.url}${ADMIN_API_PREFIX}/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ name: 'so.noivu', password: PASSWORD }) });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await fetch(`${api.hub.url}${ADMIN_API_PREFIX}/session`)).status).toBe(401);
  });

  it('locks a login after five wrong passwords: 429 with Retry-After even with the right one', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn(api.hub.url, 'khoa.thu', `sai ${i} lần nữa rồi`)).status).toBe(401);
    const locked = await signIn(api.hub.url, 'khoa.thu', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    // Another login is not locked with it.
    expect((await signIn(api.hub.url, 'so.noivu', PASSWORD)).status).toBe(200);
  });

  it('refuses a change without the CSRF token, with a wrong one, or from another origin, and stores nothing', async () => {
    const body = { unitCode: '99999', from: '2026-01-01', to: '2026-01-31', team: 'Đoàn 1' };
    const before = await (await admin.call('GET', '/log?limit=500')).json();
    const attempts = [
      await fetch(`${api.hub.url}${ADMIN_API_PREFIX}/assignments`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      // The right token with its last character changed (to one it is not already).
      await admin.call('POST', '/assignments', body, { 'x-congvu-csrf': `${admin.csrf.slice(0, -1)}${admin.csrf.endsWith('A') ? 'B' : 'A'}` }),
      await admin.call('POST', '/assignments', body, { origin: 'http://evil.example' }),
      await admin.call('DELETE', '/session', undefined, { origin: 'http://evil.example' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
    }
    expect(await (await admin.call('GET', '/log?limit=500')).json()).toEqual(before);
    expect((await admin.call('GET', '/session')).status).toBe(200);
  });

  it('takes no device token on the console and no console cookie on the device API', async () => {
    const bearer = await fetch(`${api.hub.url}${ADMIN_API_PREFIX}/devices`, { headers: { authorization: `Bearer ${api.inspector.token}` } });
    expect(bearer.status).toBe(401);
    const bothAtOnce = await fetch(`${api.hub.url}${ADMIN_API_PREFIX}/devices`, { headers: { authorization: `Bearer ${api.inspector.token}`, cookie: admin.cookie } });
    expect(bothAtOnce.status).toBe(401);
    const cookieOnDevice = await fetch(`${api.hub.url}/api/v1/changes?since=0`, { headers: { cookie: admin.cookie } });
    expect(cookieOnDevice.status).toBe(401);
  });

  it('answers malformed input on every route with a 4xx', async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const cases: Array<[string, string, unknown, Record<string, string>?]> = [
      ['POST', '/session', '{"name":', undefined],
      ['POST', '/session', { name: 'x'.repeat(101), password: 'y' }],
      ['GET', '/devices?limit=0', undefined],
      ['GET', '/devices?offset=-1', undefined],
      ['GET', '/devices?status=lost', undefined],
      ['POST', '/enrollments', { role: 'admin', name: 'A', hubUrl: 'http://127.0.0.1' }],
      ['POST', '/enrollments', { role: 'inspector', name: '', hubUrl: 'not a url' }],
      ['POST', '/enrollments', { role: 'inspector', name: 'A', hubUrl: 'ftp://127.0.0.1' }],
      ['POST', '/enrollments', '[1,2', undefined],
      ['POST', '/devices/nope/revoke', {}],
      ['POST', `/devices/${'x'.repeat(100)}/revoke`, {}],
      ['POST', '/transfers', { from: 'a', to: 'b', inspection: 'c' }],
      ['POST', '/transfers', { from: 'no-such-device', to: 'nor-this-one' }],
      ['GET', '/units?limit=9999', undefined],
      ['GET', '/units/%00bad', undefined],
      ['GET', '/units/00000', undefined],
      ['PUT', '/units/31471', { code: '31471' }],
      ['PUT', '/units/31471', 'not json', undefined],
      ['POST', '/units/import/preview', bytes('a,b\n'), {}],
      ['POST', '/units/import/preview', { not: 'bytes' }, { 'x-file-name': 'u.csv' }],
      ['POST', '/units/import', bytes('a,b\n'), { 'x-file-name': '%E0%A4%A' }],
      ['POST', '/assignments', { unitCode: '31471', from: '2026-02-30', to: '2026-03-01', team: 'Đoàn' }],
      ['POST', '/assignments', { unitCode: '31471', from: '2026-03-02', to: '2026-03-01', team: 'Đoàn' }],
      ['POST', '/assignments', { unitCode: 'NO-SUCH', from: '2026-03-01', to: '2026-03-02', team: 'Đoàn' }],
      ['POST', '/assignments/not-an-id/retire', {}],
      ['POST', '/legal-bases', { id: 'x' }],
      ['POST', '/legal-bases/nope/retire', { effectiveTo: 'tomorrow' }],
      ['GET', '/templates/GIO', undefined],
      ['GET', '/templates/NOPE@9', undefined],
      ['GET', '/templates/NOPE@9/xlsx', undefined],
      ['POST', '/templates/publish', bytes('PK\u0003\u0004 broken'), {}],
      ['POST', '/templates/check', { json: true }],
      ['POST', '/templates/NOPE@1/retire', {}],
      ['GET', '/exports?format=docx', undefined],
      ['GET', '/exports?format=xlsx&from=2026-13-01', undefined],
      ['GET', '/log?limit=abc', undefined],
    ];
    for (const [method, path, body, headers] of cases) {
      const res = await admin.call(method, path, body, headers);
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
    }
    // Checking is a question, not a change: a file that is no workbook is answered with its problem.
    const check = await admin.call('POST', '/templates/check', bytes('not a zip at all'));
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ ok: false, problems: [{ code: 'wb.notXlsx' }] });
  });

  it('pages 2,000 devices with their counts and filters them (its speed is the console.devices_page_ms benchmark)', async () => {
    const hub = await openHub(api.env);
    try {
      const now = Date.now();
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        id: randomBytes(8).toString('hex'),
        name: `Máy ${String(i).padStart(4, '0')} — Đoàn ${i % 20}`,
        role: i % 10 === 0 ? ('reviewer' as const) : ('inspector' as const),
        token_hash: randomBytes(32).toString('hex'),
        created_at: new Date(now - i * 1000).toISOString(),
        revoked_at: i % 100 === 0 ? new Date(now).toISOString() : null,
        last_seen_at: null,
      }));
      for (let i = 0; i < rows.length; i += 200) await hub.store.db.insertInto('devices').values(rows.slice(i, i + 200)).execute();
    } finally {
      await hub.close();
    }
    const seen = new Set<string>();
    let total: number;
    for (let offset = 0; ; offset += 500) {
      const page = devicesPageSchema.parse(await (await admin.call('GET', `/devices?offset=${offset}&limit=500`)).json());
      total = page.total;
      for (const d of page.items) seen.add(d.id);
      if (page.items.length < 500) break;
    }
    expect(total).toBeGreaterThanOrEqual(2002);
    expect(seen.size).toBe(total);
    const first = devicesPageSchema.parse(await (await admin.call('GET', '/devices?limit=100')).json());
    expect(first.items).toHaveLength(100);
    const revoked = devicesPageSchema.parse(await (await admin.call('GET', '/devices?status=revoked&limit=500')).json());
    expect(revoked.total).toBe(20);
    const found = devicesPageSchema.parse(await (await admin.call('GET', `/devices?q=${encodeURIComponent('may 0042')}`)).json());
    expect(found.items.map((d) => d.name)).toEqual(['Máy 0042 — Đoàn 2']);
  });

  it('enrolls a laptop with the code and QR it shows, sees its last sync, revokes it and refuses its next request', async () => {
    const res = await admin.call('POST', '/enrollments', { role: 'inspector', name: 'Nguyễn Văn Bình', hubUrl: api.hub.url });
    expect(res.status).toBe(201);
    const enrollment = enrollmentSchema.parse(await res.json());
    expect(enrollment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(JSON.parse(enrollment.qrPayload)).toMatchObject({ code: enrollment.code, hub: api.hub.url });
    const enrolled = await fetch(`${api.hub.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: enrollment.code, deviceName: 'Laptop 7' }) });
    expect(enrolled.status).toBe(201);
    const device = (await enrolled.json()) as { deviceId: string; token: string };
    const sync = () => fetch(`${api.hub.url}/api/v1/changes?since=0`, { headers: { authorization: `Bearer ${device.token}` } });
    expect((await sync()).status).toBe(200);
    const listed = devicesPageSchema.parse(await (await admin.call('GET', `/devices?q=${device.deviceId}`)).json());
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]!.lastSeenAt).not.toBeNull();
    expect((await admin.call('POST', `/devices/${device.deviceId}/revoke`, {})).status).toBe(200);
    expect((await admin.call('POST', `/devices/${device.deviceId}/revoke`, {})).status).toBe(409);
    expect((await sync()).status).toBe(401);
  });

  it('previews a units file with row-numbered problems and stores nothing, then imports the fixed one', async () => {
    const bad = unitsImportPreviewSchema.parse(await (await unitsFile(UNITS_BAD)).json());
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.row)).toContain(3);
    const refused = await admin.call('POST', '/units/import', new TextEncoder().encode(UNITS_BAD), { 'x-file-name': 'units.csv' });
    expect(refused.status).toBe(422);
    expect(((await (await admin.call('GET', '/units')).json()) as { total: number }).total).toBe(0);
    const good = unitsImportPreviewSchema.parse(await (await unitsFile(UNITS_GOOD)).json());
    expect(good).toMatchObject({ ok: true, rows: 2, problems: [] });
    expect(good.units.map((u) => u.change)).toEqual(['new', 'new']);
    const stored = await admin.call('POST', '/units/import', new TextEncoder().encode(UNITS_GOOD), { 'x-file-name': 'units.csv' });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ imported: 2, unchanged: 0 });
    const again = unitsImportPreviewSchema.parse(await (await unitsFile(UNITS_GOOD)).json());
    expect(again.units.map((u) => u.change)).toEqual(['unchanged', 'unchanged']);
    const assigned = await admin.call('POST', '/assignments', { unitCode: '31471', from: '2026-03-01', to: '2026-03-31', team: 'Đoàn 2' });
    expect(assigned.status).toBe(201);
    const { id } = (await assigned.json()) as { id: string };
    expect((await admin.call('POST', `/assignments/${id}/retire`, {})).status).toBe(200);
  });

  it('publishes a checklist workbook, retires that version once, downloads workbooks and exports as attachments, leaving no temporary files', async () => {
    const sample = new Uint8Array(readFileSync(join(ROOT, 'docs/checklist-workbook/mau-danh-muc-kiem-tra.xlsx')));
    const published = await admin.call('POST', '/templates/publish', sample);
    expect(published.status, await published.clone().text()).toBe(201);
    const { ref } = (await published.json()) as { ref: string };
    expect((await admin.call('POST', '/templates/publish', sample)).status).toBe(200);
    const retired = await admin.call('POST', `/templates/${encodeURIComponent(ref)}/retire`, {});
    expect(retired.status).toBe(200);
    expect((await admin.call('POST', `/templates/${encodeURIComponent(ref)}/retire`, {})).status).toBe(409);
    const listed = (await (await admin.call('GET', '/templates')).json()) as { items: Array<{ ref: string; builtIn: boolean; retired: boolean }> };
    expect(listed.items.find((t) => t.ref === ref)).toMatchObject({ builtIn: false, retired: true });
    const builtIn = listed.items.find((t) => t.builtIn)!;
    const xlsx = await admin.call('GET', `/templates/${encodeURIComponent(builtIn.ref)}/xlsx`);
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const feed = (await (await fetch(`${api.hub.url}/api/v1/changes?limit=500`, { headers: { authorization: `Bearer ${api.inspector.token}` } })).json()) as { items: Array<{ kind: string; id: string; data: unknown }> };
    expect(feed.items.filter((c) => c.kind === 'template-retired')).toEqual([expect.objectContaining({ id: ref, data: expect.objectContaining({ ref }) })]);
    for (const [format, magic] of [['xlsx', 'PK'], ['csv', 'PK'], ['pdf', '%PDF']] as const) {
      const res = await admin.call('GET', `/exports?format=${format}&from=2026-01-01&to=2026-12-31`);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, magic.length).toString()).toBe(magic);
    }
    // The export's folder is removed once the file is sent; the removal runs after the answer ends.
    const leftovers = () => readdirSync(hubTmp).filter((name) => name.startsWith('congvu-export-'));
    for (let waited = 0; leftovers().length > 0 && waited < 100; waited += 1) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers()).toEqual([]);
  });

  it('keeps every change in the log with the administrator who made it, newest first; health answers', async () => {
    const log = adminLogPageSchema.parse(await (await admin.call('GET', '/log?limit=500')).json());
    const actions = log.items.map((e) => e.action);
    for (const action of ['signin', 'signin-failed', 'signin-locked', 'enroll', 'revoke', 'import-units', 'assign', 'retire-assignment']) expect(actions, action).toContain(action);
    // The harness enrolled its devices with the CLI (no administrator); everything from the console names one.
    for (const action of ['signin', 'enroll', 'revoke', 'import-units', 'assign', 'retire-assignment', 'publish-template', 'retire-template', 'export']) expect(log.items.some((e) => e.action === action && e.admin === 'so.noivu'), action).toBe(true);
    expect(new Set(log.items.map((e) => e.admin))).toEqual(new Set(['so.noivu', null]));
    for (const entry of log.items.filter((e) => e.action.startsWith('signin-'))) expect(entry.admin, entry.action).toBeNull();
    expect(log.items.map((e) => e.seq)).toEqual([...log.items.map((e) => e.seq)].sort((a, b) => b - a));
    const health = healthSchema.parse(await (await admin.call('GET', '/health')).json());
    expect(health.database.kind).toBe(backend);
    expect(health.devices.revoked).toBeGreaterThanOrEqual(21);
  });

  it('serves the console with its security headers, refuses traversal, and signs out', async () => {
    for (const path of ['/admin', '/admin/']) {
      const page = await fetch(`${api.hub.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Quản trị</title>');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const asset = await fetch(`${api.hub.url}/admin/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/admin/assets/..%2findex.html', '/admin/assets/%2e%2e/%2e%2e/package.json', '/admin/assets/missing.js']) expect((await fetch(`${api.hub.url}${path}`)).status).toBe(404);
    expect((await admin.call('DELETE', '/session')).status).toBe(204);
    expect((await admin.call('GET', '/session')).status).toBe(401);
    expect((await admin.call('GET', '/devices')).status).toBe(401);
  });
});
