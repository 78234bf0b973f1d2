import { useState } from 'react';
import { templateItems } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../../app/confirm-dialog';
import { describeError } from '../../app/describe-error';
import { AutosaveText } from './autosave-text';
import { BlobImage } from './blob-image';
import { preparePhoto } from './evidence';
import type { TabProps } from './tab-props';
import { WebcamCapture } from './webcam-capture';
import { formatLocalDateTime } from '../../app/format';

export function EvidenceTab({ record, templates, locked, actions }: TabProps) {
  const { t, language, locale } = useI18n();
  const [itemCode, setItemCode] = useState('');
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const items = templates.flatMap(templateItems);
  const [dialog, confirm] = useConfirm();
  const removePhoto = async (sha256: string, caption: string) => {
    const ok = await confirm({ title: t('evidence.removeTitle'), message: <p>{t('evidence.removeBody', { photo: caption || sha256.slice(0, 12) })}</p>, confirmLabel: t('common.remove'), danger: true });
    if (ok) await actions.removeAttachment(sha256).catch((error: unknown) => setErrors([describeError(error, t)]));
  };

  const addFiles = async (files: Iterable<Blob & { name?: string }>) => {
    const problems: string[] = [];
    for (const file of files) {
      setBusy((n) => n + 1);
      try {
        const photo = await preparePhoto(file);
        await actions.addAttachment({ photo, itemCode: itemCode || undefined, caption: '' });
      } catch (error) {
        problems.push(`${file.name ?? t('evidence.cameraPhoto')}: ${describeError(error, t)}`);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    setErrors(problems);
  };

  return (
    <div>
      {dialog}
      {!locked && (
        <div
          className={`drop-zone ${dragging ? 'dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void addFiles(Array.from(e.dataTransfer.files));
          }}
        >
          <p>{t('evidence.dropHint')}</p>
          <div className="evidence-actions">
            <label className="field">
              <span>{t('evidence.forItem')}</span>
              <select value={itemCode} onChange={(e) => setItemCode(e.target.value)} data-testid="evidence-item">
                <option value="">{t('evidence.general')}</option>
                {items.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} — {i.text[language]}
                  </option>
                ))}
              </select>
            </label>
            <label className="button">
              {t('evidence.choose')}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                hidden
                data-testid="evidence-file"
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  e.target.value = '';
                  void addFiles(files);
                }}
              />
            </label>
            <WebcamCapture onCapture={(blob) => void addFiles([blob])} />
          </div>
          {busy > 0 && <p className="muted">{t('evidence.processing')}</p>}
          {errors.map((e) => (
            <p key={e} className="field-error" role="alert">
              {e}
            </p>
          ))}
        </div>
      )}
      {record.attachments.length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <ul className="photos" data-testid="photos">
          {record.attachments.map((a) => (
            <li key={a.sha256} className="photo" data-testid="photo">
              <BlobImage sha256={a.reportCopySha256 ?? a.sha256} alt={a.caption || a.sha256.slice(0, 12)} className="thumb" />
              <div className="photo-meta">
                <AutosaveText value={a.caption} readOnly={locked} label={t('evidence.caption')} placeholder={t('evidence.caption')} maxLength={500} onSave={(caption) => actions.updateAttachment(a.sha256, { caption })} />
                <select value={a.itemCode ?? ''} disabled={locked} aria-label={t('evidence.forItem')} onChange={(e) => void actions.updateAttachment(a.sha256, { itemCode: e.target.value || null }).catch(() => undefined)}>
                  <option value="">{t('evidence.general')}</option>
                  {items.map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.code}
                    </option>
                  ))}
                </select>
                <div className="muted small">
                  {a.takenAt ? t('evidence.takenAt', { time: formatLocalDateTime(a.takenAt, locale) }) : t('evidence.noExif')} · {(a.size / 1024).toFixed(0)} KB · <span className="mono">{a.sha256.slice(0, 12)}</span>
                </div>
                {!locked && (
                  <button type="button" className="link" onClick={() => void removePhoto(a.sha256, a.caption)}>
                    {t('common.remove')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
