import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import { sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'congvu-report-cli-'));
const identity = makeTestIdentity();

/** Runs `npm run report -- …` as a user would, through tsx, in a child process. */
function report(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

let zipPath: string;
beforeAll(() => {
  const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
  zipPath = join(dir, 'inspection.zip');
  writeFileSync(zipPath, buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00'));
  writeFileSync(join(dir, 'record.json'), JSON.stringify(record));
  writeFileSync(join(dir, 'lead.p12'), identity.p12);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report', () => {
  it('renders and signs a record from an export zip', () => {
    const out = join(dir, 'signed.pdf');
    const run = report(['--in', zipPath, '--out', out, '--p12', join(dir, 'lead.p12'), '--pass-env', 'CONGVU_TEST_PASS'], { CONGVU_TEST_PASS: identity.passphrase });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Đã ký số');
    const sig = spawnSync('pdfsig', [out], { encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    expect(spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout).toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('renders an unsigned record from its JSON', () => {
    const out = join(dir, 'plain.pdf');
    const run = report(['--in', join(dir, 'record.json'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(spawnSync('pdfsig', [out], { encoding: 'utf8' }).stdout + spawnSync('pdfsig', [out], { encoding: 'utf8' }).stderr).toMatch(/does not contain any signatures/);
  });

  it('fails with a clear message and writes nothing on bad input', () => {
    const out = join(dir, 'never.pdf');
    writeFileSync(join(dir, 'bad.json'), '{"formatVersion": 1, "inspection": {}}');
    const bad = report(['--in', join(dir, 'bad.json'), '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Nội dung JSON không phải biên bản hợp lệ');
    const noPass = report(['--in', zipPath, '--out', out, '--p12', join(dir, 'lead.p12'), '--pass-env', 'CONGVU_UNSET_VAR']);
    expect(noPass.status).toBe(1);
    expect(noPass.stderr).toContain('CONGVU_UNSET_VAR chưa được đặt');
    const wrong = report(['--in', zipPath, '--out', out, '--p12', join(dir, 'lead.p12'), '--pass-env', 'P'], { P: 'sai' });
    expect(wrong.stderr).toContain('Sai mật khẩu chứng thư số');
    expect(report([]).stderr).toContain('Cách dùng');
    expect(spawnSync('test', ['-e', out]).status).toBe(1);
  });
});
