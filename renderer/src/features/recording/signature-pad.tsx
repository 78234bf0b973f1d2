import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** A drawing surface for a hand signature: mouse, touchpad, touch or pen (pressure where given). */
export function SignaturePad({ onDone, disabled, testId }: { onDone: (png: Blob) => void; disabled: boolean; testId?: string }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * e.currentTarget.width) / rect.width, y: ((e.clientY - rect.top) * e.currentTarget.height) / rect.height };
  };
  const draw = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const ctx = e.currentTarget.getContext('2d')!;
    const p = point(e);
    ctx.strokeStyle = '#0a2a6b';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 1.5 + 2.5 * (e.pointerType === 'pen' && e.pressure > 0 ? e.pressure : 0.5);
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
    setEmpty(false);
  };
  const clear = () => {
    const c = canvas.current!;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    setEmpty(true);
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={600}
        height={200}
        data-testid={testId}
        aria-label={t('sign.padLabel')}
        onPointerDown={(e) => {
          if (disabled) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = point(e);
        }}
        onPointerMove={draw}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <div>
        <button type="button" className="button" onClick={clear} disabled={disabled || empty}>
          {t('sign.clear')}
        </button>{' '}
        <button type="button" className="button primary" disabled={disabled || empty} data-testid={testId && `${testId}-save`} onClick={() => canvas.current!.toBlob((b) => b && onDone(b), 'image/png')}>
          {t('sign.save')}
        </button>
      </div>
    </div>
  );
}
