import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Takes evidence photos with the laptop's camera (video only, never the microphone). */
export function WebcamCapture({ onCapture }: { onCapture: (photo: Blob) => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const start = async () => {
    setError(null);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 } }, audio: false }));
    } catch (e) {
      setError(t((e as Error).name === 'NotAllowedError' ? 'camera.denied' : 'camera.unavailable'));
    }
  };

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onCapture(blob), 'image/jpeg', 0.92);
  };

  if (!stream) {
    return (
      <>
        <button type="button" className="button" onClick={() => void start()} data-testid="camera-start">
          {t('camera.start')}
        </button>
        {error && <span className="field-error">{error}</span>}
      </>
    );
  }
  return (
    <div className="webcam">
      <video ref={video} autoPlay playsInline muted data-testid="camera-video" />
      <div>
        <button type="button" className="button primary" onClick={capture} data-testid="camera-capture">
          {t('camera.capture')}
        </button>{' '}
        <button type="button" className="button" onClick={() => setStream(null)}>
          {t('camera.stop')}
        </button>
      </div>
    </div>
  );
}
