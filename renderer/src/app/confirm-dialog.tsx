import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface ConfirmRequest {
  title: string;
  /** What will happen, in a sentence or two; a list of details may follow. */
  message: ReactNode;
  confirmLabel: string;
  /** An action that cannot be undone is shown as such. */
  danger?: boolean;
}

interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void;
}

/**
 * Asks before an irreversible action, in a modal dialog: the page behind is inert, Escape or
 * "Hủy" cancels, and the safe choice has the focus first, so a stray Enter changes nothing.
 * Returns the dialog to render and a function that opens it and resolves to the user's choice.
 */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => Promise<boolean>] {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => setPending({ ...request, resolve })), []);
  const close = useCallback(
    (ok: boolean) => {
      pending?.resolve(ok);
      setPending(null);
    },
    [pending],
  );
  return [pending ? <ConfirmDialog request={pending} onClose={close} /> : null, ask];
}

function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: (ok: boolean) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId}>{request.title}</h2>
      <div id={bodyId}>{request.message}</div>
      <div className="actions">
        <button ref={cancelRef} type="button" className="button" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className={`button ${request.danger ? 'danger' : 'primary'}`} onClick={() => onClose(true)}>
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
