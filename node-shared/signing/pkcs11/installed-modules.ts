import { access, constants } from 'node:fs/promises';
import { PKCS11_MODULES, type Pkcs11ModuleEntry } from '../../../shared/pdf-signature/pkcs11-modules';

export interface InstalledModule {
  id: string;
  label: string;
  vendorNote: string;
  path: string;
}

/**
 * The known token libraries present on this machine, in the list's order, the first path found
 * for each, for the Settings picker. Whether a file is there says nothing of whether it loads; listTokens tells that.
 */
export async function installedModules(
  platform: NodeJS.Platform = process.platform,
  modules: readonly Pkcs11ModuleEntry[] = PKCS11_MODULES,
): Promise<InstalledModule[]> {
  const found: InstalledModule[] = [];
  for (const entry of modules) {
    const paths = platform === 'win32' ? entry.windows : platform === 'linux' ? entry.linux : [];
    for (const path of paths) {
      try {
        await access(path, constants.R_OK);
        found.push({ id: entry.id, label: entry.label, vendorNote: entry.vendorNote, path });
        // The further paths of one driver are usually links to the same file: one entry is enough.
        break;
      } catch {
        // Not installed here.
      }
    }
  }
  return found;
}
