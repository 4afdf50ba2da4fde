// Where Relink keeps its data when no --data-dir is given: the same folder Electron's
// app.getPath('userData') names for "Relink", so browser mode and the app share their cases.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Relink';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
