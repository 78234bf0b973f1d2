import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signRecordPdf } from '../support/sign-record';
import { openHub } from '../../server/open-hub';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { recordBlobHashes, recordContentHash, type InspectionRecord } from '../../shared/inspection/record';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { pushRequestFor } from '../../shared/sync/protocol';
import { builtInTemplates } from '../../shared/templates';
import { enrollDevice, hubCli } from '../support/hub';
import { useHubApi } from '../support/hub-api-harness';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

/**
 * What the hub hands down, against a real hub process on 127.0.0.1 on SQLite and on a throwaway
 * PostgreSQL cluster: the change feed and its cursor, reviews routed back, records with their
 * blobs for reviewers, signed PDFs, and the reference data the command line publishes.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub feed on ${backend}`, () => {
    const api = useHubApi(backend);
    const { call, pushBlobs } = api;

    it('hands down changes in server order with a cursor that carries the epoch; reviews go back to the pushing device only', async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await pushBlobs(blobs);
      expect((await call('PUT', `/api/v1/inspections/${record.inspection.id}`, api.inspector.token, pushRequestFor(record))).status).toBe(201);
      const review = await call('POST', `/api/v1/inspections/${record.inspection.id}/reviews`, api.reviewer.token, { status: 'has-issues', comment: 'Thiếu chữ ký người chứng kiến' });
      expect(review.status).toBe(201);
      // Reviewers see inspections and reviews; paging with the cursor gives every row once, in order.
      const seen: Array<{ seq: number; kind: string }> = [];
      let cursor = '';
      for (;;) {
        const page = (await (await call('GET', `/api/v1/changes?limit=2${cursor ? `&cursor=${cursor}` : ''}`, api.reviewer.token)).json()) as { items: Array<{ seq: number; kind: string }>; cursor: string; more: boolean };
        seen.push(...page.items);
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen.map((s) => s.seq)).toEqual([...seen.map((s) => s.seq)].sort((a, b) => a - b));
      expect(new Set(seen.map((s) => s.seq)).size).toBe(seen.length);
      expect(seen.some((s) => s.kind === 'inspection')).toBe(true);
      const mine = (await (await call('GET', '/api/v1/changes', api.inspector.token)).json()) as { items: Array<{ kind: string; data: { comment?: string } }> };
      expect(mine.items.filter((i) => i.kind === 'inspection')).toEqual([]);
      expect(mine.items.find((i) => i.kind === 'review')?.data.comment).toBe('Thiếu chữ ký người chứng kiến');
      const stranger = await enrollDevice(api.hub.url, 'inspector', api.env);
      const theirs = (await (await call('GET', '/api/v1/changes', stranger.token)).json()) as { items: Array<{ kind: string }> };
      expect(theirs.items.filter((i) => i.kind === 'review')).toEqual([]);
      // A cursor from another epoch (a hub restored from backup) is refused, so the client starts over.
      const epoch = ((await (await call('GET', '/api/v1/health', null)).json()) as { epoch: string }).epoch;
      const stale = await call('GET', `/api/v1/changes?cursor=${'0'.repeat(8)}-0000-4000-8000-000000000000:3`, api.reviewer.token);
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({ error: { code: 'epoch_changed' } });
      const ahead = await call('GET', `/api/v1/changes?cursor=${epoch}:999999`, api.reviewer.token);
      expect(ahead.status).toBe(409);
    });

    it('hands reviewers each record with its blobs, and takes a signed PDF only when it is the signed form of a record it holds', async () => {
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      const id = record.inspection.id;
      await pushBlobs(blobs);
      expect((await call('PUT', `/api/v1/inspections/${id}`, api.inspector.token, pushRequestFor(record))).status).toBe(201);
      const feed = async (token: string) => {
        const items: Array<{ kind: string; id: string; record?: InspectionRecord; blobs?: string[]; data: { sha256?: string } }> = [];
        let cursor = '';
        for (;;) {
          const res = await call('GET', `/api/v1/changes?include=records&limit=3${cursor ? `&cursor=${cursor}` : ''}`, token);
          if (res.status !== 200) return res.status;
          const page = (await res.json()) as { items: typeof items; cursor: string; more: boolean };
          items.push(...page.items);
          cursor = page.cursor;
          if (!page.more) return items;
        }
      };
      const items = await feed(api.reviewer.token);
      if (typeof items === 'number') throw new Error(`feed ${items}`);
      const item = items.find((i) => i.kind === 'inspection' && i.id === `${id}@1`)!;
      expect(canonicalJson(item.record)).toBe(canonicalJson(record));
      expect(recordContentHash(item.record!)).toBe(record.inspection.contentHash);
      expect(item.blobs).toEqual(recordBlobHashes(record));
      expect(await feed(api.inspector.token)).toBe(403);
      expect((await call('GET', '/api/v1/changes?include=everything', api.reviewer.token)).status).toBe(400);

      const identity = makeTestIdentity();
      const signed = await signRecordPdf(buildSamplePdf(record, blobs), identity, { meta: { reason: 'Ky bien ban', location: 'Can Tho', name: 'Test', role: 'leader' } });
      const sha = sha256HexSync(signed);
      const attach = () => call('PUT', `/api/v1/inspections/${id}/report`, api.inspector.token, { revision: 1, sha256: sha });
      expect(await (await attach()).json()).toMatchObject({ error: { code: 'missing_blobs', missingBlobs: [sha] } });
      expect((await call('PUT', `/api/v1/blobs/${sha}`, api.inspector.token, undefined, signed)).status).toBe(201);
      expect((await attach()).status).toBe(201);
      expect((await attach()).status).toBe(200);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, api.reviewer.token, { revision: 1, sha256: sha })).status).toBe(403);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, api.inspector.token, { revision: 2, sha256: sha })).status).toBe(404);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, api.inspector.token, { revision: 'x' })).status).toBe(422);
      // The same PDF offered for another record, and an unsigned one, are refused with the reason.
      const other = sampleRecordWithBlobs({ photos: 0 }).record;
      expect((await call('PUT', `/api/v1/inspections/${other.inspection.id}`, api.inspector.token, pushRequestFor(other))).status).toBe(201);
      const wrong = await call('PUT', `/api/v1/inspections/${other.inspection.id}/report`, api.inspector.token, { revision: 1, sha256: sha });
      expect(wrong.status).toBe(422);
      expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_report', problems: ['other-record'] } });
      const unsigned = buildSamplePdf(other, new Map());
      expect((await call('PUT', `/api/v1/blobs/${sha256HexSync(unsigned)}`, api.inspector.token, undefined, unsigned)).status).toBe(201);
      const bare = await call('PUT', `/api/v1/inspections/${other.inspection.id}/report`, api.inspector.token, { revision: 1, sha256: sha256HexSync(unsigned) });
      expect(((await bare.json()) as { error: { problems: string[] } }).error.problems).toContain('no-signature');
      const after = await feed(api.reviewer.token);
      if (typeof after === 'number') throw new Error(`feed ${after}`);
      expect(after.filter((i) => i.kind === 'report').map((i) => i.data.sha256)).toEqual([sha]);
      const mine = (await (await call('GET', '/api/v1/changes', api.inspector.token)).json()) as { items: Array<{ kind: string }> };
      expect(mine.items.filter((i) => i.kind === 'report')).toEqual([]);
    });

    // Readers page the feed by sequence number: on PostgreSQL, where transactions run side by side,
    // a row numbered later must not become visible while an earlier one is still uncommitted.
    it.runIf(backend === 'postgres')('never shows a change row while one numbered before it is still uncommitted', async () => {
      const { store, close } = await openHub(api.env);
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let written!: () => void;
        const firstWritten = new Promise<void>((r) => (written = r));
        const first = store.db.transaction().execute(async (trx) => {
          await store.appendChange(trx, { kind: 'order-test', entityId: 'first', data: { n: 1 } });
          written();
          await held;
        });
        await firstWritten;
        let secondDone = false;
        const second = store.appendChange(store.db, { kind: 'order-test', entityId: 'second', data: { n: 2 } }).then(() => (secondDone = true));
        // Until the second writer is seen waiting for the feed's lock (or has got through, wrongly).
        const waiting = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(store.db)).rows[0]!.n;
        await expect.poll(async () => secondDone || (await waiting()) > 0).toBe(true);
        const visible = await store.db.selectFrom('changes').select('entity_id').where('kind', '=', 'order-test').execute();
        expect(secondDone).toBe(false);
        expect(visible).toEqual([]);
        release();
        await Promise.all([first, second]);
        const rows = await store.db.selectFrom('changes').select(['seq', 'entity_id']).where('kind', '=', 'order-test').orderBy('seq').execute();
        expect(rows.map((r) => r.entity_id)).toEqual(['first', 'second']);
      } finally {
        await close();
      }
    });

    it('publishes templates once per version and hands units down from a CSV', async () => {
      const file = join(api.dataDir, 'units.csv');
      writeFileSync(file, 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\n31471,UBND xã Tân Phước Hưng,xã,Cần Thơ,Phạm Minh Khôi,Chủ tịch,\n31471,UBND xã Tân Phước Hưng,xã,Cần Thơ,Võ Thị Thu Hằng,Công chức,Văn phòng\n');
      const imported = await hubCli(['import-units', file], api.env);
      expect(imported.stdout).toContain('1 unit(s) with 2 staff member(s)');
      const templateFile = join(api.dataDir, 'tpl.json');
      writeFileSync(templateFile, JSON.stringify(builtInTemplates[0]));
      expect((await hubCli(['publish-template', templateFile], api.env)).stdout).toContain('Published GIO@1');
      expect((await hubCli(['publish-template', templateFile], api.env)).stdout).toContain('already published, unchanged');
      writeFileSync(templateFile, JSON.stringify({ ...builtInTemplates[0], title: { vi: 'Khác', en: 'Other' } }));
      const changed = await hubCli(['publish-template', templateFile], api.env);
      expect(changed.status).not.toBe(0);
      expect(changed.stderr).toContain('new version');
      const feed = (await (await call('GET', '/api/v1/changes?limit=5000', api.inspector.token)).json()) as { items: Array<{ kind: string; id: string; data: { staff?: unknown[] } }> };
      expect(feed.items.filter((i) => i.kind === 'template').map((i) => i.id)).toEqual(['GIO@1']);
      expect(feed.items.find((i) => i.kind === 'unit' && i.id === '31471')?.data.staff).toHaveLength(2);
      expect((await hubCli(['assign', '--unit', '31471', '--from', '2026-12-01', '--to', '2026-12-15', '--team', 'Đoàn 1'], api.env)).stdout).toContain('Assigned UBND xã Tân Phước Hưng to Đoàn 1');
      expect((await hubCli(['assign', '--unit', '99999', '--from', '2026-12-01', '--team', 'x'], api.env)).stderr).toContain('Unknown unit');
      const basesFile = join(api.dataDir, 'bases.json');
      writeFileSync(basesFile, JSON.stringify(defaultLegalBases));
      expect((await hubCli(['publish-legal-bases', basesFile], api.env)).stdout).toContain(`Handed down ${defaultLegalBases.length} legal basis/bases (0 unchanged)`);
      expect((await hubCli(['publish-legal-bases', basesFile], api.env)).stdout).toContain(`Handed down 0 legal basis/bases (${defaultLegalBases.length} unchanged)`);
      const after = (await (await call('GET', '/api/v1/changes?limit=5000', api.inspector.token)).json()) as { items: Array<{ kind: string; data: { team?: string } }> };
      expect(after.items.find((i) => i.kind === 'assignment')?.data.team).toBe('Đoàn 1');
      expect(after.items.filter((i) => i.kind === 'legal-basis')).toHaveLength(defaultLegalBases.length);
    });
  });
}
