/** Finding the shared workbook: a pasted sharing link or a picked drive item. */

/** A drive item picked in a file picker (OneDrive/SharePoint): its drive and item ids. */
export interface DriveItemRef {
  driveId: string;
  itemId: string;
}

/** The shared workbook the destination writes to. */
export interface WorkbookRef extends DriveItemRef {
  name: string;
  webUrl?: string;
  /** `business` (OneDrive for work), `documentLibrary` (a SharePoint site), `personal`. */
  driveType?: string;
  /** Delegated scopes that opened it (Files.ReadWrite, or Sites.ReadWrite.All for a site that needs it). */
  scopes?: string[];
}

/** `u!` + unpadded base64url of the link (Microsoft Graph: "Encoding sharing URLs"). */
export function encodeSharingUrl(link: string): string {
  const b64 =
    typeof Buffer !== 'undefined'
      ? Buffer.from(link, 'utf8').toString('base64')
      : btoa(String.fromCharCode(...new TextEncoder().encode(link)));
  return 'u!' + b64.replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-');
}

export function decodeSharingUrl(encoded: string): string {
  const b64 = encoded.replace(/^u!/, '').replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  if (typeof Buffer !== 'undefined') return Buffer.from(padded, 'base64').toString('utf8');
  return new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
}

const SHARING_HOSTS =
  /(^|\.)(sharepoint\.com|sharepoint\.us|sharepoint-mil\.us|sharepoint\.cn|onedrive\.live\.com|1drv\.ms|onedrive\.com)$/i;

/**
 * Whether `text` looks like a OneDrive/SharePoint link the task pane may accept (https, a
 * Microsoft 365 host, or any https host when `anyHost` is set for on-premises or test servers).
 */
export function isSharingLink(text: string, anyHost = false): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && !(anyHost && url.protocol === 'http:')) return false;
  return anyHost || SHARING_HOSTS.test(url.hostname);
}

export function isDriveItemRef(x: unknown): x is DriveItemRef {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof (x as DriveItemRef).driveId === 'string' &&
    typeof (x as DriveItemRef).itemId === 'string'
  );
}

/** The workbook API root of an item, relative to the Graph version root. */
export function workbookPath(ref: DriveItemRef): string {
  return `/drives/${encodeURIComponent(ref.driveId)}/items/${encodeURIComponent(ref.itemId)}/workbook`;
}
