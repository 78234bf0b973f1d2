import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, startPgCluster, type PgCluster, type RunningHub } from '../support/hub';
import { addAdmin, ADMIN_PASSWORD, signIn, type ConsoleSession } from '../support/console-client';
import { openssl } from '../support/openssl';

const text = (s: string) => new TextEncoder().encode(s);

/**
 * The administration console's API against a real hub process, on SQLite and on PostgreSQL: sign-in
 * and its lockout, the session cookie, CSRF, the line between device tokens and console sessions,
 * devices from enrollment to revocation, the units import preview, bad input, and the admin log.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`console API on ${backend}`, () => {
    let hub: RunningHub;
    let pg: PgCluster | undefined;
    let dataDir: string;
    let env: Record<string, string>;
    let admin: ConsoleSession;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'congvu-console-api-'));
      pg = backend === 'postgres' ? await startPgCluster() : undefined;
      env = { HUB_DATA_DIR: dataDir, HUB_CONSOLE_DIR: join(dataDir, 'no-console-build'), ...(pg ? { DATABASE_URL: pg.url } : {}) };
      await Promise.all([addAdmin('tp.noivu', env), addAdmin('khoa.thu', env)]).catch(async () => {
        // Two CLI processes migrating one new database at once: the second waits its turn.
        await addAdmin('khoa.thu', env).catch(() => undefined);
      });
      hub = await startHub(env);
      admin = await signIn(hub.url, 'tp.noivu');
    });
    afterAll(async () => {
      await hub?.stop();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const anonymous = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${hub.url}/admin/api/v1${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

    it('signs in with the right password only, sets a strict HttpOnly cookie, and locks a login after five wrong passwords', async () => {
      expect(admin.setCookie).toMatch(/; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      expect(admin.setCookie).not.toMatch(/Secure/);
      const wrong = await anonymous('POST', '/session', { name: 'khoa.thu', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ error: { code: 'bad_credentials' } });
      // An unknown login gets the very same answer.
      expect(await (await anonymous('POST', '/session', { name: 'nobody', password: 'x' })).json()).toMatchObject({ error: { code: 'bad_credentials' } });
      for (let i = 0; i < 4; i++) expect((await anonymous('POST', '/session', { name: 'khoa.thu', password: `wrong ${i}` })).status).toBe(401);
      const locked = await anonymous('POST', '/session', { name: 'khoa.thu', password: ADMIN_PASSWORD });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(await locked.json()).toMatchObject({ error: { code: 'locked' } });
      // Another login is not locked by it.
      expect((await signIn(hub.url, 'tp.noivu')).csrf).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    });

    it('refuses a change without the CSRF token, with a wrong one or from another origin, and stores nothing', async () => {
      const body = { role: 'inspector', name: 'Laptop CSRF', hubUrl: hub.url };
      for (const options of [{ csrf: null }, { csrf: 'x'.repeat(43) }, { origin: 'https://evil.example' }]) {
        const res = await admin.call('POST', '/enrollments', body, options);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'csrf' } });
      }
      const log = (await (await admin.call('GET', '/log?limit=500')).json()) as { items: Array<{ action: string; details: Record<string, unknown> }> };
      expect(log.items.filter((e) => e.action === 'enroll' && e.details['name'] === 'Laptop CSRF')).toEqual([]);
      // A same-origin Origin header is fine.
      expect((await admin.call('POST', '/enrollments', body, { origin: hub.url })).status).toBe(201);
    });

    it('keeps device tokens and console sessions apart', async () => {
      const code = ((await (await admin.call('POST', '/enrollments', { role: 'reviewer', name: 'Reviewer', hubUrl: hub.url })).json()) as { code: string }).code;
      const device = (await (await fetch(`${hub.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'PC' }) })).json()) as { token: string };
      expect((await anonymous('GET', '/devices', undefined, { authorization: `Bearer ${device.token}` })).status).toBe(401);
      expect((await fetch(`${hub.url}/api/v1/changes`, { headers: { cookie: admin.cookie } })).status).toBe(401);
      expect((await anonymous('GET', '/devices')).status).toBe(401);
    });

    it('enrolls a laptop with a code and its QR, lists it with its last sync, revokes it, and its next request is refused', async () => {
      const res = await admin.call('POST', '/enrollments', { role: 'inspector', name: 'Đoàn 1 — Lê Hoàng Yến', hubUrl: hub.url });
      expect(res.status).toBe(201);
      const enrollment = (await res.json()) as { code: string; qrPayload: string; qrSvg: string };
      expect(JSON.parse(enrollment.qrPayload)).toEqual({ congvu: 'enroll', v: 1, code: enrollment.code, hub: hub.url });
      expect(enrollment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      const enrolled = await fetch(`${hub.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: enrollment.code, deviceName: 'Laptop A' }) });
      const device = (await enrolled.json()) as { deviceId: string; token: string };
      expect((await fetch(`${hub.url}/api/v1/changes`, { headers: { authorization: `Bearer ${device.token}` } })).status).toBe(200);
      const page = (await (await admin.call('GET', '/devices?q=hoang yen&status=active')).json()) as { total: number; items: Array<{ id: string; lastSeenAt: string | null; inspections: number }> };
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({ id: device.deviceId, inspections: 0 });
      expect(page.items[0]!.lastSeenAt).not.toBeNull();
      expect((await admin.call('POST', `/devices/${device.deviceId}/revoke`)).status).toBe(200);
      expect((await admin.call('POST', `/devices/${device.deviceId}/revoke`)).status).toBe(409);
      expect((await fetch(`${hub.url}/api/v1/changes`, { headers: { authorization: `Bearer ${device.token}` } })).status).toBe(401);
    });

    it('pages through many devices', async () => {
      for (let i = 0; i < 12; i++) expect((await admin.call('POST', '/enrollments', { role: 'inspector', name: `Máy ${i}`, hubUrl: hub.url })).status).toBe(201);
      const codes = ((await (await admin.call('GET', '/log?limit=500')).json()) as { items: Array<{ action: string }> }).items.filter((e) => e.action === 'enroll').length;
      expect(codes).toBeGreaterThanOrEqual(12);
      const all = (await (await admin.call('GET', '/devices?limit=500')).json()) as { total: number };
      const first = (await (await admin.call('GET', '/devices?offset=0&limit=1')).json()) as { total: number; items: unknown[] };
      const second = (await (await admin.call('GET', '/devices?offset=1&limit=1')).json()) as { items: unknown[] };
      expect(first.total).toBe(all.total);
      expect(first.items).toHaveLength(1);
      expect(second.items[0]).not.toEqual(first.items[0]);
    });

    it('previews a units file with every problem at its row, imports nothing from it, then imports the corrected one', async () => {
      const bad = 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ\n31471,UBND xã Tân Phước Hưng,xã,Cần Thơ,Phạm Minh Khôi,Chủ tịch\n31472,UBND xã Mỹ Khánh,huyện,Cần Thơ,,\n,UBND xã Không Mã,xã,Cần Thơ,,\n';
      const name = { 'x-file-name': encodeURIComponent('đơn vị.csv') };
      const preview = (await (await admin.call('POST', '/units/import/preview', undefined, { raw: text(bad), headers: name })).json()) as { ok: boolean; problems: Array<{ row: number; message: { vi: string; en: string } }> };
      expect(preview.ok).toBe(false);
      expect(preview.problems.map((p) => p.row)).toEqual([3, 4]);
      expect(preview.problems[0]!.message.vi).toContain('Cấp “huyện”');
      const refused = await admin.call('POST', '/units/import', undefined, { raw: text(bad), headers: name });
      expect(refused.status).toBe(422);
      expect((await (await admin.call('GET', '/units')).json()) as { total: number }).toMatchObject({ total: 0 });
      const good = bad.replace('huyện', 'xã').replace(/\n,UBND xã Không Mã.*\n$/, '\n');
      const ok = (await (await admin.call('POST', '/units/import/preview', undefined, { raw: text(good), headers: name })).json()) as { ok: boolean; units: Array<{ code: string; change: string; staff: number }> };
      expect(ok).toMatchObject({ ok: true, units: [{ code: '31471', change: 'new', staff: 1 }, { code: '31472', change: 'new', staff: 0 }] });
      expect(await (await admin.call('POST', '/units/import', undefined, { raw: text(good), headers: name })).json()).toEqual({ imported: 2, unchanged: 0 });
      expect(await (await admin.call('POST', '/units/import', undefined, { raw: text(good), headers: name })).json()).toEqual({ imported: 0, unchanged: 2 });
      const unit = (await (await admin.call('GET', '/units/31471')).json()) as { name: string; staff: unknown[] };
      expect(unit.name).toBe('UBND xã Tân Phước Hưng');
      expect((await admin.call('PUT', '/units/31471', { ...unit, address: 'Ấp Phước Lợi' })).status).toBe(200);
      expect((await admin.call('POST', '/assignments', { unitCode: '31471', from: '2026-12-01', to: '2026-12-15', team: 'Đoàn 1' })).status).toBe(201);
    });

    it('answers malformed input with a 4xx on every route, never a 5xx', async () => {
      const cases: Array<[string, string, unknown?, { raw?: Uint8Array; headers?: Record<string, string> }?]> = [
        ['POST', '/enrollments', { role: 'admin', name: 'x', hubUrl: hub.url }],
        ['POST', '/enrollments', { role: 'inspector', name: '', hubUrl: 'javascript:alert(1)' }],
        ['POST', '/enrollments', '{not json'],
        ['POST', '/devices/%00/revoke'],
        ['POST', '/devices/nope/revoke'],
        ['POST', '/transfers', { inspection: 'x', to: 'y' }],
        ['POST', '/transfers', { from: 'a' }],
        ['GET', '/devices?limit=100000'],
        ['GET', '/devices?offset=-1'],
        ['GET', '/units/%2e%2e'],
        ['PUT', '/units/31471', { code: '31471' }],
        ['PUT', '/units/99999', { code: '99999', name: 'x', level: 'commune', province: 'y', staff: [] }],
        ['POST', '/units/import/preview', undefined, { raw: text('a,b\n1,2\n') }],
        ['POST', '/units/import', { not: 'bytes' }],
        ['POST', '/assignments', { unitCode: '31471', from: '2026-12-15', to: '2026-12-01', team: 'x' }],
        ['POST', '/assignments', { unitCode: 'nope', from: '2026-12-01', to: '2026-12-01', team: 'x' }],
        ['POST', '/assignments/00000000-0000-4000-8000-000000000000/retire'],
        ['POST', '/legal-bases', { id: 'x' }],
        ['POST', '/legal-bases/ND30/retire', { effectiveTo: '31/12/2026' }],
        ['POST', '/legal-bases/NOPE/retire', { effectiveTo: '2026-12-31' }],
        ['GET', '/templates/GIO'],
        ['GET', '/templates/ZZZ@9'],
        ['GET', '/templates/ZZZ@9/xlsx'],
        ['POST', '/templates/publish', undefined, { raw: new Uint8Array(0) }],
        ['POST', '/templates/GIO@1@2/retire'],
        ['POST', '/templates/ZZZ@9/retire'],
        ['GET', '/exports?format=doc'],
        ['GET', '/exports?format=xlsx&from=2026-13-01'],
        ['GET', '/log?limit=abc'],
        ['POST', '/session', { name: 'a'.repeat(5000) }],
      ];
      for (const [method, path, body, options] of cases) {
        const res = await admin.call(method, path, body, options);
        expect([method, path, res.status]).toEqual([method, path, expect.any(Number)]);
        expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    });

    it('retires an assignment, a legal basis and a template version, each once, and exports', async () => {
      const assignments = (await (await admin.call('GET', '/assignments')).json()) as { items: Array<{ id: string; retired: boolean }> };
      const id = assignments.items[0]!.id;
      expect((await admin.call('POST', `/assignments/${id}/retire`)).status).toBe(200);
      expect((await admin.call('POST', `/assignments/${id}/retire`)).status).toBe(409);
      expect((await (await admin.call('GET', '/assignments')).json()) as { items: Array<{ retired: boolean }> }).toMatchObject({ items: [{ retired: true }] });
      expect((await admin.call('POST', '/legal-bases/CT26/retire', { effectiveTo: '2026-12-31' })).status).toBe(200);
      const bases = (await (await admin.call('GET', '/legal-bases')).json()) as { items: Array<{ basis: { id: string; effectiveTo: string | null } }> };
      expect(bases.items.find((b) => b.basis.id === 'CT26')?.basis.effectiveTo).toBe('2026-12-31');
      expect((await admin.call('POST', '/templates/MC@1/retire')).status).toBe(200);
      expect((await admin.call('POST', '/templates/MC@1/retire')).status).toBe(409);
      const templates = (await (await admin.call('GET', '/templates')).json()) as { items: Array<{ ref: string; retired: boolean }> };
      expect(templates.items.find((t) => t.ref === 'MC@1')?.retired).toBe(true);
      const xlsx = await admin.call('GET', '/templates/GIO@1/xlsx');
      expect(xlsx.status).toBe(200);
      expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      for (const format of ['xlsx', 'csv', 'pdf']) {
        const res = await admin.call('GET', `/exports?format=${format}&from=2026-01-01`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
        expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
      }
    });

    it('writes every change in the admin log with who made it, and signing out ends the session', async () => {
      const log = (await (await admin.call('GET', '/log?limit=500')).json()) as { items: Array<{ admin: string | null; action: string }> };
      const actions = new Set(log.items.map((e) => `${e.admin ?? 'cli'}:${e.action}`));
      for (const expected of ['cli:admin-add', 'cli:signin-failed', 'cli:signin-locked', 'tp.noivu:signin', 'tp.noivu:enroll', 'tp.noivu:revoke', 'tp.noivu:import-units', 'tp.noivu:edit-unit', 'tp.noivu:assign', 'tp.noivu:retire-assignment', 'tp.noivu:retire-legal-basis', 'tp.noivu:retire-template', 'tp.noivu:export']) {
        expect(actions, expected).toContain(expected);
      }
      expect((await admin.call('DELETE', '/session')).status).toBe(204);
      expect((await admin.call('GET', '/devices')).status).toBe(401);
    });

    if (backend === 'sqlite') {
      it('marks the cookie Secure when the hub serves https', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'congvu-console-tls-'));
        let tls: RunningHub | undefined;
        try {
          openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir });
          tls = await startHub({ ...env, HUB_TLS_CERT: join(dir, 'cert.pem'), HUB_TLS_KEY: join(dir, 'key.pem') });
          expect(tls.url).toMatch(/^https:/);
          const setCookie = await new Promise<string>((done, fail) => {
            const req = httpsRequest(`${tls!.url}/admin/api/v1/session`, { method: 'POST', ca: readFileSync(join(dir, 'cert.pem')), headers: { 'content-type': 'application/json' } }, (res) => {
              res.resume();
              done(String(res.headers['set-cookie'] ?? ''));
            });
            req.on('error', fail);
            req.end(JSON.stringify({ name: 'tp.noivu', password: ADMIN_PASSWORD }));
          });
          expect(setCookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure/);
        } finally {
          await tls?.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
