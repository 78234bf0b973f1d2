/**
 * The app's Content-Security-Policy. Scripts only from the app itself (no inline, no eval); images
 * and media also from blob:/data: (evidence photos, camera preview); frames only for
 * the record's PDF preview (a blob: URL the app made); network only to the app and
 * to hubs over HTTPS or on this machine.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src blob:",
  "frame-ancestors 'none'",
].join('; ');
