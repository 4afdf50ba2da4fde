// The preload: exposes only what the page cannot do itself — the native file dialog, which returns
// the chosen paths (the shell records them as the only paths the backend may read for the page).
// Calls, events and pictures go over fetch to our app:// origin, as in browser mode.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('relink', {
  pickFiles: (options: unknown): Promise<unknown> => ipcRenderer.invoke('relink:pick', options),
});
