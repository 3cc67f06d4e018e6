// Preload (sandboxed): exposes exactly the contract as `window.lodyn`, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { RawApi } from '../../../src-shared/contract/api';
import { buildPreloadApi } from './build-api';

const api = buildPreloadApi(ipcRenderer) satisfies RawApi;

contextBridge.exposeInMainWorld('lodyn', api);
