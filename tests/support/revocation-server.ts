import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenLoopback, readBody } from './loopback-server';
import { opensslAsync } from './openssl';
import type { PkiAuthority, PkiCertificate, TestPki } from './test-pki';

/**
 * The loopback CRL and OCSP server the test PKI's certificates point at: GET /<ca>.crl serves the
 * CA's current CRL; POST /ocsp/<ca> answers with `openssl ocsp -index` over the CA's own database
 * (the intermediate through its delegated responder, the roots signing for themselves).
 * Start it before making the PKI (its URL goes into the certificates), then `serve(pki)`.
 */
export type RevocationMode = 'ok' | 'http-error' | 'garbage';

export interface RevocationServer {
  url: string;
  /** Every request, as "GET /intermediate.crl" or "POST /ocsp/intermediate". */
  requests: string[];
  mode: RevocationMode;
  serve(pki: TestPki): void;
  close(): Promise<void>;
}

interface Responder {
  authority: PkiAuthority;
  signer: PkiCertificate;
}

export async function startRevocationServer(): Promise<RevocationServer> {
  let pki: TestPki | null = null;
  const work = mkdtempSync(join(tmpdir(), 'congvu-ocsp-'));
  let counter = 0;
  const authorities = (): Record<string, Responder> =>
    pki
      ? {
          root: { authority: pki.root, signer: pki.root },
          intermediate: { authority: pki.intermediate, signer: pki.ocspResponder },
          stranger: { authority: pki.strangerRoot, signer: pki.strangerRoot },
        }
      : {};

  const state: RevocationServer = {
    url: '',
    requests: [],
    mode: 'ok',
    serve: (made) => {
      pki = made;
    },
    close: async () => undefined,
  };

  const loopback = await listenLoopback((request, response) => {
    void (async () => {
      const path = (request.url ?? '/').split('?')[0]!;
      state.requests.push(`${request.method} ${path}`);
      const body = request.method === 'POST' ? await readBody(request, 64 * 1024) : null;
      if (state.mode === 'http-error') return response.writeHead(503).end();
      if (state.mode === 'garbage') return response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from('not a CRL, not an OCSP answer'));
      const crl = /^\/(\w+)\.crl$/.exec(path);
      const ocsp = /^\/ocsp\/(\w+)$/.exec(path);
      const responder = authorities()[(crl ?? ocsp)?.[1] ?? ''];
      if (crl && request.method === 'GET' && responder) {
        return response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(readFileSync(responder.authority.crlPath));
      }
      if (ocsp && request.method === 'POST' && responder && body) {
        counter += 1;
        const reqPath = join(work, `req-${counter}.der`);
        const respPath = join(work, `resp-${counter}.der`);
        writeFileSync(reqPath, body);
        const result = await opensslAsync([
          'ocsp', '-index', responder.authority.indexPath, '-CA', responder.authority.certPath,
          '-rsigner', responder.signer.certPath, '-rkey', responder.signer.keyPath,
          '-reqin', reqPath, '-respout', respPath, '-ndays', '7',
        ]);
        if (result.code !== 0) return response.writeHead(500).end(result.stderr);
        return response.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(readFileSync(respPath));
      }
      response.writeHead(404).end();
    })();
  });
  state.url = loopback.url;
  state.close = async () => {
    await loopback.close();
    rmSync(work, { recursive: true, force: true });
  };
  return state;
}
