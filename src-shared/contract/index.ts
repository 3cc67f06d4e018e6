// Re-exports of the contract for hosts and clients.
export * from './channels';
export * from './events';
export * from './envelope';
export * from './define';
export * from './api';
export * from './validate';
export * from './calls/system';
export * from './transport';
