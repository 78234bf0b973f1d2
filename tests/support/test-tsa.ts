import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenLoopback, readBody } from './loopback-server';
import { opensslAsync } from './openssl';
import type { TestPki } from './test-pki';

/**
 * A real RFC 3161 time-stamping authority on loopback: POST application/timestamp-query is
 * answered by `openssl ts -reply` with the test PKI's TSA key. Modes make it misbehave:
 * - reject: a well-formed TimeStampResp with status rejection (2) and no token;
 * - garbage: bytes that are no TimeStampResp; http-error: 503; hang: never answers;
 * - wrong-imprint: a granted token, but over other bytes than asked;
 * - oversize: 300 KB of bytes.
 */
export type TsaMode = 'ok' | 'reject' | 'garbage' | 'http-error' | 'hang' | 'wrong-imprint' | 'oversize';

export interface TestTsa {
  url: string;
  mode: TsaMode;
  /** The queries received, DER, in order. */
  queries: Uint8Array[];
  /** The TSA's certificate and its root (PEM paths), for `openssl ts -verify -CAfile … -untrusted …`. */
  certPath: string;
  rootPath: string;
  close(): Promise<void>;
}

/** TimeStampResp ::= SEQUENCE { status PKIStatusInfo { status INTEGER rejection(2), failInfo badRequest(2) } } */
const REJECTION = Uint8Array.from([0x30, 0x09, 0x30, 0x07, 0x02, 0x01, 0x02, 0x03, 0x02, 0x05, 0x20]);

function tsaConfig(dir: string, pki: TestPki): string {
  return `
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${pki.tsa.certPath}
signer_key = ${pki.tsa.keyPath}
certs = ${dir}/chain.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function startTestTsa(pki: TestPki): Promise<TestTsa> {
  const dir = join(pki.dir, 'tsa');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'chain.pem'), pki.root.pem);
  const configPath = join(dir, 'tsa.cnf');
  writeFileSync(configPath, tsaConfig(dir, pki));
  let counter = 0;

  const reply = async (query: Buffer): Promise<Buffer | null> => {
    counter += 1;
    let queryPath = join(dir, `query-${counter}.der`);
    const responsePath = join(dir, `reply-${counter}.der`);
    writeFileSync(queryPath, query);
    if (state.mode === 'wrong-imprint') {
      queryPath = join(dir, `other-${counter}.der`);
      const made = await opensslAsync(['ts', '-query', '-digest', 'ab'.repeat(32), '-sha256', '-cert', '-out', queryPath]);
      if (made.code !== 0) return null;
    }
    const result = await opensslAsync([
      'ts', '-reply', '-config', configPath, '-queryfile', queryPath,
      '-inkey', pki.tsa.keyPath, '-signer', pki.tsa.certPath, '-chain', join(dir, 'chain.pem'), '-out', responsePath,
    ]);
    return result.code === 0 ? readFileSync(responsePath) : null;
  };

  const state: TestTsa = { url: '', mode: 'ok', queries: [], certPath: pki.tsa.certPath, rootPath: pki.root.certPath, close: async () => undefined };
  const loopback = await listenLoopback((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') return response.writeHead(415).end();
      const query = await readBody(request, 64 * 1024);
      if (!query) return response.writeHead(413).end();
      state.queries.push(new Uint8Array(query));
      const send = (body: Uint8Array) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
      switch (state.mode) {
        case 'hang':
          return;
        case 'http-error':
          return response.writeHead(503).end();
        case 'reject':
          return send(REJECTION);
        case 'garbage':
          return send(Buffer.from('<html>maintenance</html>'));
        case 'oversize':
          return send(new Uint8Array(300 * 1024).fill(0x30));
        default: {
          const answer = await reply(query);
          return answer ? send(answer) : response.writeHead(500).end();
        }
      }
    })();
  });
  state.url = `${loopback.url}/tsa`;
  state.close = loopback.close;
  return state;
}
