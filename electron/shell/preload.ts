// The preload: exposes exactly the contract's transport (call, events, file picking) to the
// renderer through contextBridge. No Node, no ipcRenderer, nothing else crosses.
import { contextBridge, ipcRenderer } from 'electron';

type Listener = (event: unknown) => void;

contextBridge.exposeInMainWorld('relink', {
  call: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke('relink:call', String(method), args),
  pickFiles: (options: unknown): Promise<unknown> => ipcRenderer.invoke('relink:pick', options),
  onEvent: (listener: Listener): (() => void) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on('relink:event', wrapped);
    return () => ipcRenderer.removeListener('relink:event', wrapped);
  },
});
