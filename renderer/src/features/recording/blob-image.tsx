import { useEffect, useRef } from 'react';
import { useBlob } from './queries';

/** An image stored in the local blob table; its object URL lives exactly as long as it is shown. */
export function BlobImage({ sha256, alt, className }: { sha256: string; alt: string; className?: string }) {
  const blob = useBlob(sha256);
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    if (!blob || !ref.current) return;
    const url = URL.createObjectURL(blob);
    ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return <img ref={ref} alt={alt} className={className} data-sha256={sha256} />;
}
