import { useCallback, useEffect, useState } from 'react';
import type { Host, UserSettings } from '../../host/host';
import { DEFAULT_USER_SETTINGS, withDefaults } from '../../host/settings';

/** The user's settings: loaded once from the host, saved through it. */
export function useSettings(host: Host) {
  const [settings, setSettings] = useState<UserSettings>(() => withDefaults(DEFAULT_USER_SETTINGS));
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    host
      .loadSettings()
      .then((stored) => live && setSettings(withDefaults(stored)))
      .catch(() => undefined) // unreadable settings: the defaults stand
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [host]);

  const save = useCallback(
    async (next: UserSettings) => {
      setSettings(next);
      await host.saveSettings(next);
    },
    [host],
  );

  return { settings, loaded, save };
}
