/**
 * `npm run hub:cli -- <command>`: the hub administrator's tool, on the same database as the hub
 * (HUB_DATA_DIR or DATABASE_URL).
 *   enroll --role inspector|reviewer --name <text> [--hub-url <url>] [--json] [--qr-svg <file>]
 *                                                             one-time code (24 h), its QR payload and QR code
 *   devices                                                   enrolled devices
 *   revoke <deviceId>                                         a device's token stops working
 *   publish-template <file.json|file.xlsx>                    hands a checklist template down (an .xlsx checklist
 *                                                             workbook: every problem printed as "Sheet!row column: …")
 *   export-template <ID@version> --out <file.xlsx>            any template, built-in ones included, as a checklist workbook
 *   publish-legal-bases <file.json>                           hands legal bases down (new or changed ones)
 *   import-units <file.csv|file.xlsx>                         units and their staff rosters
 *   assign --unit <code> --from <date> [--to <date>] --team <text> [--note <text>]
 *   import <bundle.zip> [--device <deviceId>]                 records from a USB hand-over bundle, owned by that
 *                                                             laptop (else by "usb-bundle": transfer them later)
 *   export --format xlsx|csv|pdf --out <file|folder> [--from <day>] [--to <day>] [--unit <code>] [--template <id>] [--team <leader>]
 *                                                             the department's sheets (CSV: one file per sheet) or period report
 *   transfer --inspection <id> --to <deviceId>                hands one inspection to another inspector device
 *   transfer --from <deviceId> --to <deviceId>                hands all of a device's inspections over (logged)
 *   log                                                       the admin log (transfers)
 *   new-epoch                                                 after restoring a backup
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deviceRoleSchema } from '@shared/sync/protocol';
import { openHub } from './open-hub';
import { exportDepartment } from './admin/export';
import { BUNDLE_DEVICE, importBundle } from './admin/bundle-import';
import { activeInspector, adminLog, transferOwnership, TransferError } from './admin/transfer';
import { importUnitsFile } from './admin/units-import';
import { publishTemplate, publishTemplateUpload, templateWorkbook, TemplateUploadRefused } from './admin/templates';
import { templateRefSchema } from '@shared/schemas';
import { assignUnit, publishLegalBases } from './admin/reference';
import { vnDateTime } from '@shared/report/vn-date';
import { asLocalIso } from '@shared/time/local-iso';

export class CliError extends Error {}

/** The command ran but refused some of what it was given: its report goes out, and the exit code is 1. */
export class CliIncomplete extends Error {}

/** The hub's blob limit (HUB_MAX_BLOB_MB, as the hub itself reads it): the same on every path that stores a blob. */
function maxBlobBytes(env: NodeJS.ProcessEnv): number {
  const mb = Number(env['HUB_MAX_BLOB_MB'] ?? 25);
  if (!(mb > 0)) throw new CliError(`HUB_MAX_BLOB_MB must be a positive number, got "${env['HUB_MAX_BLOB_MB']}"`);
  return Math.round(mb * 1024 * 1024);
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'hub-url': { type: 'string' },
      'qr-svg': { type: 'string' },
      unit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      team: { type: 'string' },
      note: { type: 'string' },
      template: { type: 'string' },
      inspection: { type: 'string' },
      device: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const hub = await openHub(env);
  try {
    switch (command) {
      case 'enroll': {
        const role = deviceRoleSchema.safeParse(values.role);
        if (!role.success) throw new CliError('--role must be inspector or reviewer');
        const name = values.name?.trim();
        if (!name || name.length > 100) throw new CliError('--name <text> is required (at most 100 characters)');
        const { code, expiresAt } = await hub.store.createEnrollment(role.data, name);
        // What a QR code carries: the app fills in the hub address and the code from it.
        const qrPayload = JSON.stringify({ congvu: 'enroll', v: 1, code, ...(values['hub-url'] ? { hub: values['hub-url'] } : {}) });
        if (values['qr-svg']) await writeFile(values['qr-svg'], await QRCode.toString(qrPayload, { type: 'svg', errorCorrectionLevel: 'M' }));
        if (values.json) return JSON.stringify({ code, role: role.data, name, expiresAt, qrPayload });
        // The QR drawn in the terminal, for the laptop's camera to read off the administrator's screen.
        const terminalQr = await QRCode.toString(qrPayload, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
        return `Enrollment code for ${name} (${role.data}): ${code}\nValid until ${vnDateTime(asLocalIso(expiresAt))} (local time), once.\nQR payload: ${qrPayload}\n${terminalQr}`;
      }
      case 'devices': {
        const devices = await hub.store.listDevices();
        if (values.json) return JSON.stringify(devices);
        return devices.map((d) => `${d.id}  ${d.role.padEnd(9)}  ${d.revoked_at ? `revoked ${d.revoked_at}` : 'active'.padEnd(32)}  ${d.name}`).join('\n') || 'No devices enrolled.';
      }
      case 'revoke': {
        const id = positionals[0];
        if (!id) throw new CliError('revoke <deviceId>');
        if (!(await hub.store.revoke(id))) throw new CliError(`No active device ${id}`);
        return `Revoked ${id}: its token no longer works.`;
      }
      case 'publish-template': {
        const bytes = readInput(positionals[0], 'publish-template <file.json|file.xlsx>');
        if (!/\.xlsx$/i.test(positionals[0]!)) return await publishTemplate(hub.store, bytes);
        try {
          const { ref, legalBasesPublished, alreadyPublished } = await publishTemplateUpload(hub.store, bytes);
          const bases = `${legalBasesPublished} legal basis/bases new or changed`;
          return alreadyPublished ? `${ref} is already published, unchanged (${bases}).` : `Published ${ref} from ${positionals[0]} (${bases}).`;
        } catch (error) {
          // The author's mistakes are a refusal of what was given (exit 2), each on a line of its own.
          if (error instanceof TemplateUploadRefused) throw new CliError(error.message);
          throw error;
        }
      }
      case 'export-template': {
        const ref = templateRefSchema.safeParse(positionals[0]);
        if (!ref.success || !values.out) throw new CliError('export-template <ID@version> --out <file.xlsx>');
        const bytes = await templateWorkbook(hub.store, ref.data);
        if (!bytes) throw new CliError(`No template ${ref.data}: neither built in nor published on this hub`);
        await writeFile(resolve(values.out), bytes);
        return `Wrote ${ref.data} to ${values.out}.`;
      }
      case 'publish-legal-bases':
        return await publishLegalBases(hub.store, readInput(positionals[0], 'publish-legal-bases <file.json>'));
      case 'assign':
        return await assignUnit(hub.store, { unit: values.unit, from: values.from, to: values.to, team: values.team, note: values.note });
      case 'import-units':
        return await importUnitsFile(hub.store, positionals[0] ?? '', readInput(positionals[0], 'import-units <file.csv|file.xlsx>'));
      case 'import': {
        const bytes = readInput(positionals[0], 'import <bundle.zip> [--device <deviceId>]');
        // Records a bundle brings belong to the laptop it came from, as if that laptop had pushed them.
        const from = values.device === undefined ? BUNDLE_DEVICE : (await asCliError(activeInspector(hub.store, values.device, '--device'))).id;
        const imported = await importBundle(hub.store, bytes, { maxBlobBytes: maxBlobBytes(env) }, from);
        if (imported.refused > 0) throw new CliIncomplete(imported.report);
        return imported.report;
      }
      case 'export': {
        if (values.format !== 'csv' && values.format !== 'xlsx' && values.format !== 'pdf') throw new CliError('--format xlsx|csv|pdf is required');
        if (!values.out) throw new CliError('--out <file> is required (a folder for csv)');
        for (const [flag, day] of [['--from', values.from], ['--to', values.to]] as const) {
          if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new CliError(`${flag} must be a day, YYYY-MM-DD`);
        }
        const filter = { from: values.from, to: values.to, unitCode: values.unit, templateId: values.template, leader: values.team };
        return await exportDepartment(hub.store, { format: values.format, out: resolve(values.out), filter });
      }
      case 'transfer': {
        if (!values.to) throw new CliError('transfer (--inspection <id> | --from <deviceId>) --to <deviceId>');
        if ((values.inspection === undefined) === (values.from === undefined)) throw new CliError('transfer needs exactly one of --inspection <id> or --from <deviceId>');
        const request = values.inspection !== undefined ? { inspection: values.inspection, to: values.to } : { from: values.from!, to: values.to };
        return await asCliError(transferOwnership(hub.store, request));
      }
      case 'log':
        return await adminLog(hub.store);
      case 'new-epoch':
        return `New epoch ${await hub.store.renewEpoch()}: devices will pull everything again.`;
      default:
        throw new CliError(`Unknown command "${command ?? ''}". Commands: enroll, devices, revoke, publish-template, export-template, publish-legal-bases, import-units, assign, import, export, transfer, log, new-epoch`);
    }
  } finally {
    await hub.close();
  }
}

/** A refusal of the administrator's request is a usage error (exit 2), not a failure. */
async function asCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TransferError) throw new CliError(error.message);
    throw error;
  }
}

/** Input files are read whole: none the hub takes is near this, and a larger one is refused unread. */
const MAX_INPUT_BYTES = 2 * 1024 * 1024 * 1024;

function readInput(path: string | undefined, usage: string): Uint8Array {
  if (!path) throw new CliError(usage);
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new CliError(`Cannot read ${path}`);
  if (size > MAX_INPUT_BYTES) throw new CliError(`${path} is larger than 2 GiB: refused unread`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    throw new CliError(`Cannot read ${path}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runCli(process.argv.slice(2)).then(
    (out) => console.log(out),
    (error: unknown) => {
      if (error instanceof CliIncomplete) {
        console.log(error.message);
        process.exit(1);
      }
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(error instanceof CliError ? 2 : 1);
    },
  );
}
