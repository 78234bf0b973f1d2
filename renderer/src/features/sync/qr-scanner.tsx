import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * Reads the enrollment QR code with the laptop's camera (video only). Frames are decoded on this
 * machine with jsQR; the camera stops as soon as a code is read or the scanner is closed.
 */
export function QrScanner({ onText, onClose }: { onText: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    void (async () => {
      try {
        const { default: jsQR } = await import('jsqr');
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 } }, audio: false });
        if (!live) return stream.getTracks().forEach((track) => track.stop());
        if (video.current) video.current.srcObject = stream;
        timer = setInterval(() => {
          const v = video.current;
          if (!v || v.videoWidth === 0) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          const ctx = canvas.getContext('2d', { willReadFrequently: true });
          if (!ctx) return;
          ctx.drawImage(v, 0, 0);
          const found = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
          if (found?.data) {
            clearInterval(timer);
            onText(found.data);
          }
        }, 250);
      } catch (e) {
        setError(t((e as Error).name === 'NotAllowedError' ? 'camera.denied' : 'camera.unavailable'));
      }
    })();
    return () => {
      live = false;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onText, t]);

  return (
    <div className="qr-scanner" data-testid="qr-scanner">
      <video ref={video} autoPlay playsInline muted aria-label={t('sync.scan.video')} />
      <p className="small muted">{t('sync.scan.hint')}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
